import net from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord/server.ts';
import { TEST_TOKEN } from './helpers/bot.ts';
import { spawnBot, stopBySigterm, untilServing } from './helpers/bot-process.ts';

let discord: FakeDiscord | undefined;
afterAll(() => discord?.stop());

it('npm start with a token connects, answers, and shuts down cleanly on SIGTERM', async () => {
  discord = await new FakeDiscord().start();
  const bot = spawnBot(discord);
  expect(await untilServing(discord)).toBe(true);
  expect(discord.connectedShards).toEqual([0]);

  bot.child.kill('SIGTERM');
  expect(await bot.exited).toBe(0);
  expect(bot.stderr()).toMatch(/SIGTERM: shutting down/);
  expect(bot.stderr()).not.toContain(TEST_TOKEN);
  const deadline = Date.now() + 5000;
  while (discord.connectedShards.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(discord.connectedShards).toEqual([]); // the gateway connection was closed, not abandoned
}, 60_000);

// Discord unreachable, two ways: nothing answers a connection (it hangs), or every connection is cut.
for (const kind of ['hangs', 'is reset'] as const) {
  it(`SIGTERM ends the bot within 5 s while Discord ${kind === 'hangs' ? 'never answers' : 'cuts every connection'}`, async () => {
    const held: net.Socket[] = [];
    let connections = 0;
    const unreachable = net.createServer((socket) => {
      connections++;
      if (kind === 'hangs') held.push(socket);
      else socket.destroy();
    });
    await new Promise<void>((resolve) => unreachable.listen(0, '127.0.0.1', resolve));
    const { port } = unreachable.address() as net.AddressInfo;
    const bot = spawnBot({ apiUrl: `http://127.0.0.1:${port}/api` });
    try {
      // The bot is connecting once Discord's address has seen it.
      const deadline = Date.now() + 20_000;
      while (connections === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(connections).toBeGreaterThan(0);
      const { code, tookMs } = await stopBySigterm(bot);
      expect(tookMs).toBeLessThan(5000);
      if (kind === 'is reset' && !/SIGTERM: shutting down/.test(bot.stderr())) {
        // A cut connection can fail the login before the signal lands: then the bot has already
        // stopped on its own, non-zero and saying why, which a supervisor restarts. A signal that
        // lands while Node tears the process down (its handlers already gone) ends it by that signal.
        expect([1, 'SIGTERM']).toContain(code);
        expect(bot.stderr()).toMatch(/devops-bot stopped: /);
      } else {
        expect(code).toBe(0);
        expect(bot.stderr()).toMatch(/SIGTERM: shutting down/);
      }
      expect(bot.stderr()).not.toContain(TEST_TOKEN);
    } finally {
      held.forEach((s) => s.destroy());
      unreachable.close();
    }
  }, 40_000);
}

it('SIGTERM ends the bot within 5 s while it reconnects to a Discord that went away', async () => {
  const gone = await new FakeDiscord().start();
  const bot = spawnBot(gone);
  expect(await untilServing(gone)).toBe(true);
  await gone.stop(); // connections dropped and the port closed: the bot keeps trying to reconnect
  await new Promise((r) => setTimeout(r, 1000));
  const { code, tookMs } = await stopBySigterm(bot);
  expect(tookMs).toBeLessThan(5000);
  expect(code).toBe(0);
  expect(bot.stderr()).toMatch(/SIGTERM: shutting down/);
}, 60_000);
