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

describe('configuration: health server and log format', () => {
  it('binds nothing and logs text by default; serves on loopback unless HEALTH_HOST says otherwise', () => {
    expect(loadConfig({})).toMatchObject({ healthPort: null, healthHost: '127.0.0.1', logFormat: 'text' });
    expect(loadConfig({ HEALTH_PORT: ' 9100 ', LOG_FORMAT: 'JSON' })).toMatchObject({ healthPort: 9100, healthHost: '127.0.0.1', logFormat: 'json' });
    for (const host of ['0.0.0.0', '::1', '::', '10.0.0.5', 'localhost']) expect(loadConfig({ HEALTH_PORT: '1', HEALTH_HOST: host }).healthHost).toBe(host);
    expect(loadConfig({ HEALTH_PORT: '65535' }).healthPort).toBe(65535);
  });

  it.each([['0'], ['65536'], ['-1'], ['9100.5'], ['0x238c'], ['9100abc'], ['91 00'], ['http']])('refuses HEALTH_PORT=%s', (value) => {
    expect(() => loadConfig({ HEALTH_PORT: value })).toThrow(/HEALTH_PORT must be a port number from 1 to 65535/);
  });

  it.each([['example.com'], ['127.0.0.1:9100'], ['[::1]'], ['256.0.0.1'], ['http://127.0.0.1']])('refuses HEALTH_HOST=%s (an IP literal or localhost only)', (value) => {
    expect(() => loadConfig({ HEALTH_HOST: value })).toThrow(/HEALTH_HOST must be an IP address or "localhost"/);
  });

  it('refuses an unknown LOG_FORMAT, and reports it with the other problems', () => {
    try {
      loadConfig({ LOG_FORMAT: 'xml', HEALTH_PORT: '70000', HEALTH_HOST: 'nowhere' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/LOG_FORMAT must be one of text, json/);
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

describe('JSON logging', () => {
  const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.Gx9kLq.secret-token-part';

  it('writes one JSON object per line with level, time, msg and err, and the token redacted in msg and err.stack', () => {
    const lines: string[] = [];
    const log = createLogger('info', [token], (line) => lines.push(line), 'json');
    log.debug('hidden at info');
    log.info(`logging in with ${token}`);
    const failure = new Error(`401 Unauthorized for Bot ${token}`, { cause: new Error(`retry with ${token} failed`) });
    log.error('login failed', failure);
    log.warn('unhandled rejection', `reason mentions ${token}`);

    expect(lines).toHaveLength(3);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    const [info, error, warn] = lines.map((line) => JSON.parse(line));
    expect(info).toMatchObject({ level: 'info', msg: 'logging in with [redacted]' });
    expect(new Date(info.time).getTime()).toBeGreaterThan(0);
    expect(error).toMatchObject({ level: 'error', msg: 'login failed', err: { type: 'Error' } });
    expect(error.err.message).toContain('401 Unauthorized for Bot [redacted]');
    expect(error.err.stack).toMatch(/^Error: 401 Unauthorized for Bot \[redacted\]\n\s+at /);
    expect(error.err.stack).toContain('caused by: Error: retry with [redacted] failed');
    expect(warn.err.message).toBe('reason mentions [redacted]');
    expect(lines.join('\n')).not.toContain(token);
  });

  it('redacts a secret that JSON escapes, and leaves out error fields the text format never showed', () => {
    const lines: string[] = [];
    const secret = 'pass"word\\with-escapes';
    const log = createLogger('debug', [secret], (line) => lines.push(line), 'json');
    const failure = Object.assign(new Error(`bad ${secret}`), { code: 'E_AUTH', url: 'https://discord.com/api/v10/interactions/1/interaction-token/callback' });
    log.debug('checking', failure);
    const entry = JSON.parse(lines[0]!);
    expect(entry.err).toMatchObject({ message: 'bad [redacted]', code: 'E_AUTH' });
    expect(entry.err.url).toBeUndefined();
    expect(lines[0]).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('writes nothing at silent', () => {
    const lines: string[] = [];
    createLogger('silent', [], (line) => lines.push(line), 'json').error('nothing');
    expect(lines).toEqual([]);
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
