import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { consoleReply } from '../src/transports/console.ts';
import { renderForTerminal } from '../src/transports/terminal.ts';
import { sharedContext } from './helpers/bot.ts';

const env = { ...process.env, DISCORD_TOKEN: '' };
const run = (args: string[], input?: string) => spawnSync('npm', args, { encoding: 'utf8', input, env, timeout: 60_000 });

describe('npm start without a token: the offline console', () => {
  it('answers piped commands and questions, says it is offline, and exits at the end of input', () => {
    const result = run(['start', '--silent'], '/port 8080\n/explain localhost\n포트 충돌 해결\nhello there\n/nope\n');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/No DISCORD_TOKEN set: starting the offline console/);
    expect(result.stdout).toMatch(/== Port 8080 — HTTP-alt ==/);
    expect(result.stdout).toMatch(/== localhost and 127\.0\.0\.1/);
    expect(result.stdout).toMatch(/== 포트 충돌/);
    expect(result.stdout).toMatch(/would stay silent/);
    expect(result.stdout).toMatch(/Unknown command \/nope/);
  });

  it('stops with a clear message on bad configuration', () => {
    const result = spawnSync('npm', ['start', '--silent'], { encoding: 'utf8', input: '', env: { ...env, LOG_LEVEL: 'loud' }, timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot start: configuration problem.*\n.*LOG_LEVEL/);
  });
});

describe('console commands', () => {
  const ctx = sharedContext();
  it('routes /commands and plain questions the same way the bot does', async () => {
    expect(renderForTerminal((await consoleReply('/help', ctx))!)).toMatch(/how to use it/);
    expect(renderForTerminal((await consoleReply('/ask what is 0.0.0.0', ctx))!)).toMatch(/0\.0\.0\.0/);
    expect(renderForTerminal((await consoleReply('/port abc', ctx))!)).toMatch(/not a port number/);
    expect(await consoleReply('   ', ctx)).toBeNull();
    expect(await consoleReply('ㅋㅋㅋ', ctx)).toBeNull();
  });
});

describe('cli ask (the contract)', () => {
  it('prints one JSON line for a question', () => {
    const result = run(['run', '--silent', 'cli', '--', 'ask', '--json', 'EADDRINUSE']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ query: 'EADDRINUSE', answer: 'port-conflict' });
    expect(json.candidates[0]).toEqual({ id: 'port-conflict', title: expect.any(String), score: expect.any(Number) });
  });

  it('answers standard input line by line in batch mode, in order, null for chatter', () => {
    const result = run(['run', '--silent', 'cli', '--', 'ask', '--json'], '0.0.0.0 뜻\nhello\nmysql 포트 번호\n');
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['0.0.0.0 뜻', 'hello', 'mysql 포트 번호']);
    expect(lines.map((l) => l.answer)).toEqual(['bind-all-interfaces', null, 'well-known-ports']);
    for (const line of lines) expect(line.candidates.length).toBeLessThanOrEqual(5);
  });

  it('renders an answer for a terminal, and rejects a missing question', () => {
    const answer = run(['run', '--silent', 'cli', '--', 'ask', 'how do I open port 8080 in ufw']);
    expect(answer.stdout).toMatch(/== Firewalls/);
    const missing = run(['run', '--silent', 'cli', '--', 'ask']);
    expect(missing.status).toBe(2);
  });
});
