import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { commandBodies, deployCommands } from '../src/commands/deploy.ts';
import { commands, messageCommands } from '../src/commands/index.ts';
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
    expect(await deployCommands(config)).toEqual({ scope: 'guild', count: commands.length + messageCommands.length });
    expect(await deployCommands(config)).toEqual({ scope: 'guild', count: commands.length + messageCommands.length });
    const puts = discord.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([`/applications/${APPLICATION_ID}/guilds/${GUILD.id}/commands`, `/applications/${APPLICATION_ID}/guilds/${GUILD.id}/commands`]);
    expect(puts[0]!.body).toEqual(puts[1]!.body);
    expect(puts[0]!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
  });

  it('registers globally without a guild, installable to servers and users, usable in servers, the bot\'s DMs and other DMs', async () => {
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_CLIENT_ID: APPLICATION_ID });
    const since = Date.now();
    expect(await deployCommands(config)).toEqual({ scope: 'global', count: commands.length + messageCommands.length });
    const put = await discord.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${APPLICATION_ID}/commands`, 5000, since);
    expect(put.status).toBe(200);
    const adminOnly = new Set(['stats', 'reload']);
    for (const command of put.body) {
      if (adminOnly.has(command.name)) {
        // Server-admin commands: server installs only, in servers only.
        expect([command.integration_types, command.contexts]).toEqual([[0], [0]]);
        continue;
      }
      expect(command.integration_types).toEqual([0, 1]);
      expect(command.contexts).toEqual([0, 1, 2]);
    }
    // The message command "Ask devops-bot": type 3, localised, no description (Discord rejects one).
    const askMessage = put.body.find((c: any) => c.type === 3);
    expect(askMessage).toMatchObject({ name: 'Ask devops-bot', name_localizations: { ko: 'devops-bot에게 묻기' } });
    expect(askMessage.description ?? '').toBe('');
    expect(askMessage.options ?? []).toEqual([]);
  });

  it('leaves the install fields off guild commands, where Discord does not read them', async () => {
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD.id });
    const since = Date.now();
    await deployCommands(config);
    const put = await discord.waitForRequest((r) => r.method === 'PUT' && r.path.includes('/guilds/'), 5000, since);
    expect(put.body.map((c: any) => c.name)).toEqual(commandBodies('guild').map((c) => c.name));
    for (const command of put.body) {
      expect(command).not.toHaveProperty('integration_types');
      expect(command).not.toHaveProperty('contexts');
    }
  });

  it('meets Discord\'s real errors for a malformed command (400, code 50035, the errors object)', async () => {
    const rest = new REST({ api: discord.apiUrl }).setToken(TEST_TOKEN);
    const bad = [{ name: 'Ask devops-bot', type: 3, description: 'not allowed on a context menu', contexts: [0, 3] }, { name: 'Bad Name', description: 'spaces and capitals' }];
    const failure = await rest.put(Routes.applicationCommands(APPLICATION_ID), { body: bad }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    const error = failure as DiscordAPIError;
    expect([error.status, error.code]).toEqual([400, 50035]);
    expect(error.rawError).toMatchObject({
      errors: {
        0: { description: { _errors: [{ code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID' }] }, contexts: { 1: { _errors: [{ code: 'ENUM_TYPE_COERCE' }] } } },
        1: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } },
      },
    });
  });

  it('needs a token and an application id', async () => {
    await expect(deployCommands(loadConfig({}))).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('command definitions', () => {
  it('are valid for Discord and localized in Korean', () => {
    expect(messageCommands.map((c) => c.definition())).toEqual([{ name: 'Ask devops-bot', name_localizations: { ko: 'devops-bot에게 묻기' }, type: 3 }]);
    const names = commands.map((c) => c.definition().name);
    expect(names).toEqual(expect.arrayContaining(['port', 'explain', 'ask', 'help', 'stats', 'reload']));
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
    // The team's record and the reload are for Manage Server members (0x20), in servers only.
    for (const name of ['stats', 'reload']) {
      const definition = commands.find((c) => c.name === name)!.definition();
      expect(definition.default_member_permissions).toBe('32');
      expect(definition.contexts).toEqual([0]);
    }
    for (const name of ['port', 'explain', 'ask', 'help']) expect(commands.find((c) => c.name === name)!.definition().default_member_permissions).toBeUndefined();
    const port = commands[0]!.definition().options![0] as { type: number; min_value: number; max_value: number; autocomplete: boolean };
    expect(port).toMatchObject({ type: 4, min_value: 1, max_value: 65535, autocomplete: true });
  });
});
