import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server.ts';
import { chatInput } from './fake-discord/payloads.ts';
import { tempDataDir, TEST_TOKEN } from './helpers/bot.ts';

let discord: FakeDiscord | undefined;
afterAll(() => discord?.stop());

it('npm start with a token connects, answers, and shuts down cleanly on SIGTERM', async () => {
  discord = await new FakeDiscord().start();
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const [, ...args] = pkg.scripts.start.split(/\s+/); // the exact command line of npm start, without npm in between
  const child = spawn(process.execPath, args, {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, DATA_DIR: tempDataDir(), DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info', QA_CHANNELS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  let answered = false;
  for (let attempt = 0; attempt < 100 && !answered; attempt++) {
    const probe = chatInput('help');
    const seen = discord.waitForRequest((r) => r.path.startsWith(`/interactions/${probe.id}/`), 300, Date.now()).then(() => true, () => false);
    discord.dispatch('INTERACTION_CREATE', probe);
    answered = await seen;
  }
  expect(answered).toBe(true);
  expect(discord.connectedShards).toEqual([0]);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stderr).toMatch(/SIGTERM: shutting down/);
  expect(stderr).not.toContain(TEST_TOKEN);
  const deadline = Date.now() + 5000;
  while (discord.connectedShards.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(discord.connectedShards).toEqual([]); // the gateway connection was closed, not abandoned
}, 60_000);
