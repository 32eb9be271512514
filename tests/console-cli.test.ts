import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.ts';
import { createLogger } from '../src/log.ts';
import { consoleReply, KOREAN_COMMAND_NAMES, runConsole } from '../src/transports/console.ts';
import { renderForTerminal } from '../src/transports/terminal.ts';
import { sharedContext } from './helpers/bot.ts';
import { runCli } from './helpers/cli.ts';

const env = { ...process.env, DISCORD_TOKEN: '' };

/** The front door as a new user meets it, in real processes: one piped `npm start`, one `cli ask --json`. */
describe('front door (real subprocesses)', () => {
  it('npm start without a token: answers piped commands and questions in order, says it is offline, exits at the end of input', () => {
    const result = spawnSync('npm', ['start', '--silent'], { encoding: 'utf8', input: '/port 8080\n/explain localhost\n포트 충돌 해결\nhello there\n/nope\n', env, timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/No DISCORD_TOKEN set: starting the offline console/);
    expect(result.stdout).toMatch(/== Port 8080 — HTTP-alt ==/);
    expect(result.stdout).toMatch(/== localhost and 127\.0\.0\.1/);
    expect(result.stdout).toMatch(/== 포트 충돌/);
    expect(result.stdout).toMatch(/would stay silent/);
    expect(result.stdout).toMatch(/Unknown command \/nope/);
    // Each question is echoed before its answer, so the transcript reads in order.
    const order = ['> /port 8080', '== Port 8080', '> /explain localhost', '== localhost', '> 포트 충돌 해결', '== 포트 충돌', '> hello there', 'would stay silent', '> /nope', 'Unknown command'];
    const at = order.map((text) => result.stdout.indexOf(text));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('npm run cli -- ask --json: one JSON line for a question', () => {
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', 'ask', '--json', 'EADDRINUSE'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ query: 'EADDRINUSE', answer: 'port-conflict' });
    expect(json.candidates[0]).toEqual({ id: 'port-conflict', title: expect.any(String), score: expect.any(Number) });
  });

  it('the bot process stops with a clear message on bad configuration', () => {
    // The bot's own entry (what npm start runs) without npm in front: the exit status is the process's own.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { encoding: 'utf8', input: '', env: { ...env, LOG_LEVEL: 'loud' }, timeout: 60_000 });
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

  it('accepts the Korean command names registered on Discord, answering in Korean', async () => {
    expect(renderForTerminal((await consoleReply('/포트 8080', ctx))!)).toMatch(/8080/);
    expect(renderForTerminal((await consoleReply('/설명 localhost', ctx))!)).toMatch(/== .*루프백/);
    expect(renderForTerminal((await consoleReply('/질문 포트 충돌 해결', ctx))!)).toMatch(/== 포트 충돌/);
    expect(renderForTerminal((await consoleReply('/도움말', ctx))!)).toMatch(/[\uAC00-\uD7A3]/);
    expect(renderForTerminal((await consoleReply('/없는명령', ctx))!)).toMatch(/Unknown command \/없는명령/);
  });

  it('knows every Korean name a command is registered under, and no other', () => {
    const registered = Object.fromEntries(commands.flatMap((c) => { const ko = c.definition().name_localizations?.ko; return ko ? [[ko, c.name]] : []; }));
    expect(KOREAN_COMMAND_NAMES).toEqual(registered);
  });

  it('echoes piped questions (terminal-safe) before their answers; a terminal shows them itself', async () => {
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk) => (written += chunk));
    await runConsole(ctx, createLogger('error', [], () => {}), Readable.from(['/port 8080\n', 'what is \u001b[2J localhost\n']) as never, output as never);
    expect(written.indexOf('> /port 8080')).toBeLessThan(written.indexOf('Port 8080 —'));
    expect(written).toMatch(/\n> what is \\x1b\[2J localhost\n/);
    expect(written).not.toMatch(/\u001b/);
  });
});

describe('cli (in process, through main)', () => {
  it('answers standard input line by line in batch mode, in order, null for chatter', async () => {
    const result = await runCli(['ask', '--json'], {}, '0.0.0.0 뜻\nhello\nmysql 포트 번호\n');
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['0.0.0.0 뜻', 'hello', 'mysql 포트 번호']);
    expect(lines.map((l) => l.answer)).toEqual(['bind-all-interfaces', null, 'well-known-ports']);
    for (const line of lines) expect(line.candidates.length).toBeLessThanOrEqual(5);
  });

  it('renders an answer for a terminal, and rejects a missing question', async () => {
    const answer = await runCli(['ask', 'how do I open port 8080 in ufw']);
    expect(answer.stdout).toMatch(/== Firewalls/);
    const missing = await runCli(['ask']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/ask needs a question/);
  });

  it('takes a question that starts with dashes after a lone --, and still rejects an unknown option before it', async () => {
    const dashed = await runCli(['ask', '--json', '--', '--network host on docker: does localhost reach the host then?']);
    expect(dashed.status).toBe(0);
    expect(JSON.parse(dashed.stdout).query).toBe('--network host on docker: does localhost reach the host then?');
    const unknown = await runCli(['ask', '--network', 'host']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --network/);
  });

  it('cli help and cli --help print the usage and exit 0; no command prints it and exits 2', async () => {
    for (const args of [['help'], ['--help'], ['ask', '--help']]) {
      const result = await runCli(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^usage:\n {2}cli help/);
    }
    const bare = await runCli([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toMatch(/^usage:/);
  });
});
