import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../src/commands/deploy.ts';
import { commands } from '../src/commands/index.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { FakeDiscord } from './fake-discord/server.ts';
import { APPLICATION_ID, GUILD } from './fake-discord/payloads.ts';
import { TEST_TOKEN } from './helpers/bot.ts';

let discord: FakeDiscord;
beforeAll(async () => {
  discord = await new FakeDiscord().start();
});
afterAll(() => discord.stop());

describe('npm run deploy', () => {
  it('registers every command in a guild with one idempotent bulk overwrite', async () => {
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD.id });
    expect(await deployCommands(config)).toEqual({ scope: 'guild', count: 4 });
    expect(await deployCommands(config)).toEqual({ scope: 'guild', count: 4 });
    const puts = discord.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([`/applications/${APPLICATION_ID}/guilds/${GUILD.id}/commands`, `/applications/${APPLICATION_ID}/guilds/${GUILD.id}/commands`]);
    expect(puts[0]!.body).toEqual(puts[1]!.body);
    expect(puts[0]!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
  });

  it('registers globally without a guild', async () => {
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_CLIENT_ID: APPLICATION_ID });
    expect(await deployCommands(config)).toEqual({ scope: 'global', count: 4 });
  });

  it('needs a token and an application id', async () => {
    await expect(deployCommands(loadConfig({}))).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('command definitions', () => {
  it('are valid for Discord and localized in Korean', () => {
    const names = commands.map((c) => c.definition().name);
    expect(names).toEqual(['port', 'explain', 'ask', 'help']);
    for (const definition of commands.map((c) => c.definition())) {
      expect(definition.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(definition.description.length).toBeLessThanOrEqual(100);
      expect(definition.name_localizations?.ko).toBeTruthy();
      expect(definition.description_localizations?.ko).toBeTruthy();
      for (const option of definition.options ?? []) {
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect(option.name_localizations?.ko).toBeTruthy();
      }
    }
    const port = commands[0]!.definition().options![0] as { type: number; min_value: number; max_value: number; autocomplete: boolean };
    expect(port).toMatchObject({ type: 4, min_value: 1, max_value: 65535, autocomplete: true });
  });
});
