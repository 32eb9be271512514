import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterAll } from 'vitest';
import type { FakeDiscord } from '../fake-discord/server.ts';
import { chatInput } from '../fake-discord/payloads.ts';
import { tempDataDir, TEST_TOKEN } from './bot.ts';

export interface BotProcess {
  child: ChildProcess;
  /** Everything the bot wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string | null>;
  /** When it ended (Date.now()), for tests that bound how long a stop takes. */
  exitedAt: Promise<number>;
}

const running = new Set<ChildProcess>();
// A test that fails before it stops its bot must not leave the process behind (checked when the
// file ends: a file may share one bot between its tests).
afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
});

/**
 * Runs the bot exactly as `npm start` does (same node flags, so the same bounded heap), without npm
 * in between, connected to the fake Discord.
 */
export function spawnBot(discord: FakeDiscord | { apiUrl: string }, env: Record<string, string> = {}): BotProcess {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const [, ...args] = pkg.scripts.start.split(/\s+/);
  const child = spawn(process.execPath, args, {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, DATA_DIR: tempDataDir(), DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info', QA_CHANNELS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  running.add(child);
  const exit = new Promise<{ code: number | string | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code: code ?? signal, at: Date.now() })));
  return { child, stderr: () => stderr, exited: exit.then((e) => e.code), exitedAt: exit.then((e) => e.at) };
}

/** Sends SIGTERM and waits for the bot to end: its exit code (or signal) and how long it took. */
export async function stopBySigterm(bot: BotProcess): Promise<{ code: number | string | null; tookMs: number }> {
  const sentAt = Date.now();
  bot.child.kill('SIGTERM');
  const [code, at] = await Promise.all([bot.exited, bot.exitedAt]);
  return { code, tookMs: at - sentAt };
}

/** Waits until the bot answers a /help through the fake Discord (it has connected and is serving). */
export async function untilServing(discord: FakeDiscord, attempts = 100): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const probe = chatInput('help');
    const seen = discord.waitForRequest((r) => r.path.startsWith(`/interactions/${probe.id}/`), 300, Date.now()).then(() => true, () => false);
    discord.dispatch('INTERACTION_CREATE', probe);
    if (await seen) return true;
  }
  return false;
}
