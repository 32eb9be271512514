import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { RateLimiter } from '../src/qa/rate-limit.ts';

describe('configuration', () => {
  it('runs with nothing set: offline, defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ discordToken: null, discordApiUrl: 'https://discord.com/api', logLevel: 'info', showProcessNames: true });
    expect(config.qaChannels.size).toBe(0);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'abc.def.ghijklmnopqrstuvwxyz',
      DISCORD_CLIENT_ID: '100000000000000001',
      DISCORD_GUILD_ID: '500000000000000001',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      QA_CHANNELS: ' 400000000000000001, 400000000000000002 ',
      LOG_LEVEL: 'DEBUG',
      PORT_LOOKUP_SHOW_PROCESS: 'false',
      QA_RATE_PER_USER: '5',
    });
    expect(config.discordApiUrl).toBe('http://127.0.0.1:9999/api');
    expect([...config.qaChannels]).toEqual(['400000000000000001', '400000000000000002']);
    expect(config).toMatchObject({ logLevel: 'debug', showProcessNames: false, rateLimitPerUser: 5, discordGuildId: '500000000000000001' });
  });

  it('reports every problem at once, clearly, and never echoes the token', () => {
    const token = 'not a token but a secret with spaces';
    try {
      loadConfig({ DISCORD_TOKEN: token, QA_CHANNELS: 'general', LOG_LEVEL: 'loud', DISCORD_API_URL: 'ftp://x', PORT_LOOKUP_SHOW_PROCESS: 'maybe', DISCORD_CLIENT_ID: '12' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect((error as ConfigError).problems).toHaveLength(6);
      expect(problems).toMatch(/QA_CHANNELS/);
      expect(problems).toMatch(/LOG_LEVEL/);
      expect(problems).toMatch(/DISCORD_API_URL/);
      expect(problems).toMatch(/PORT_LOOKUP_SHOW_PROCESS/);
      expect(problems).toMatch(/DISCORD_CLIENT_ID/);
      expect(problems).not.toContain(token);
    }
  });
});

describe('logging', () => {
  it('redacts secrets everywhere, including error stacks, and honours the level', () => {
    const lines: string[] = [];
    const log = createLogger('info', ['super.secret.token-value'], (line) => lines.push(line));
    log.debug('hidden at info');
    log.error('login failed for super.secret.token-value', new Error('401 with Bot super.secret.token-value'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[redacted]');
    expect(lines[0]).not.toContain('super.secret.token-value');
  });
});

describe('rate limiter', () => {
  it('allows the limit within the window, then refuses until the window slides', () => {
    const limiter = new RateLimiter(2, 1000);
    expect([limiter.tryTake('u', 0), limiter.tryTake('u', 10), limiter.tryTake('u', 20)]).toEqual([true, true, false]);
    expect(limiter.tryTake('other', 20)).toBe(true);
    expect(limiter.tryTake('u', 1001)).toBe(true);
  });
});
