import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { fatalHint } from '../src/transports/discord/fatal-hints.ts';
import { startGateway, type RunningBot } from '../src/transports/discord/gateway.ts';
import { FakeDiscord } from './fake-discord/server.ts';
import { QA_CHANNEL_ID } from './fake-discord/payloads.ts';
import { sharedContext, TEST_TOKEN } from './helpers/bot.ts';
import { spawnBot, untilServing } from './helpers/bot-process.ts';
import { tempFolder } from './helpers/temp-folder.ts';

/**
 * Issue 9: a global 429 or an invalid session on every IDENTIFY used to retry for ever with no log
 * line at any LOG_LEVEL, and a fatal close code said Discord's words with no hint what to do.
 */

let discord: FakeDiscord | undefined;
let bot: RunningBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await discord?.stop();
  bot = discord = undefined;
});

/** Starts the real bot against a fake Discord set up with `fault`; the log is kept at LOG_LEVEL=info. */
async function connect(fault: (d: FakeDiscord) => void, env: Record<string, string> = {}) {
  discord = await new FakeDiscord().start();
  fault(discord);
  const logs: string[] = [];
  const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info', ...env });
  const started = startGateway(config, sharedContext(), createLogger('info', [TEST_TOKEN], (line) => logs.push(line)));
  return { logs, started: started.then((b) => (bot = b)) };
}

const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

describe('every retry at start-up is logged, with its reason and when it retries', () => {
  it('a global 429 on GET /gateway/bot', async () => {
    const { logs, started } = await connect((d) => (d.gatewayBotRateLimits = 2));
    await started;
    const retries = logs.filter((l) => / WARN Discord answered 429 \(rate limited, global\) to GET \/gateway\/bot: retrying in \d+ ms, at /.test(l));
    expect(retries, logs.join('\n')).toHaveLength(2);
    for (const line of retries) expect(line.split(' at ')[1]).toMatch(ISO_TIME);
    expect(logs.join('\n')).toMatch(/connected as/);
  });

  it('an invalid session (op 9) answering IDENTIFY', async () => {
    const { logs, started } = await connect((d) => (d.invalidSessions = 1));
    await started;
    expect(logs.join('\n')).toMatch(/ WARN gateway shard 0: Discord invalidated the session \(op 9\); identifying again as soon as Discord's identify limit allows/);
    expect(discord!.identifies).toHaveLength(2);
    expect(logs.join('\n')).not.toContain(TEST_TOKEN);
  }, 20_000);
});

describe('fatal close codes say what to do', () => {
  it('4004: check DISCORD_TOKEN', async () => {
    const { logs, started } = await connect((d) => (d.closeOnIdentify = 4004));
    const error = await started.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(fatalHint(error)).toMatch(/check DISCORD_TOKEN/);
    expect(logs.join('\n')).toMatch(/ ERROR gateway shard 0: Discord closed the connection for good \(4004 AuthenticationFailed\)\. .*check DISCORD_TOKEN/);
  });

  it('4014: turn on the Message Content Intent or unset QA_CHANNELS, and the process exits non-zero', async () => {
    discord = await new FakeDiscord().start();
    discord.closeOnIdentify = 4014;
    const child = spawnBot(discord, { QA_CHANNELS: QA_CHANNEL_ID, LOG_LEVEL: 'silent' });
    const timer = setTimeout(() => child.child.kill('SIGKILL'), 20_000);
    const code = await child.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    // Even at LOG_LEVEL=silent the last words name the fix.
    expect(child.stderr()).toMatch(/devops-bot stopped: Used disallowed intents\n.*turn on "Message Content Intent" in the Developer Portal.*or unset QA_CHANNELS/);
  }, 30_000);
});

describe('an error nobody caught', () => {
  it('in the running bot: logged, and the process exits 1 (it used to log and carry on half-alive)', async () => {
    discord = await new FakeDiscord().start();
    const child = spawnBot(discord);
    expect(await untilServing(discord)).toBe(true);
    // A dispatch discord.js cannot read (no author) rejects inside its event handling, where no handler of ours runs.
    discord.dispatch('MESSAGE_CREATE', { id: '1', channel_id: '400000000000000002', author: null, content: 'x' });
    const timer = setTimeout(() => child.child.kill('SIGKILL'), 10_000);
    const code = await child.exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(child.stderr()).toMatch(/ERROR unhandled promise rejection: exiting \(status 1\)/);
  }, 30_000);

  const script = (fault: string) => {
    const dir = tempFolder('devops-bot-crash-');
    const file = path.join(dir, 'crash.ts');
    const src = new URL('../src/', import.meta.url).pathname;
    fs.writeFileSync(file, `import { exitOnUncaught } from '${src}crash.ts';\nimport { createLogger } from '${src}log.ts';\nexitOnUncaught(createLogger('info'));\nsetInterval(() => {}, 1000); // a live connection would keep the process up\n${fault}\n`);
    return spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', timeout: 20_000 });
  };

  it('is logged, and the process exits with status 1 instead of hanging half-alive', () => {
    const rejected = script("void Promise.reject(new Error('lost rejection'));");
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toMatch(/ERROR unhandled promise rejection: exiting \(status 1\).*lost rejection/);
    const thrown = script("setTimeout(() => { throw new Error('thrown in a timer'); }, 10);");
    expect(thrown.status).toBe(1);
    expect(thrown.stderr).toMatch(/ERROR uncaught exception: exiting \(status 1\).*thrown in a timer/);
  });
});
