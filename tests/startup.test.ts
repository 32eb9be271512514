import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/index.ts';

const root = new URL('..', import.meta.url).pathname;
const hook = new URL('./helpers/report-discord-loaded.mjs', import.meta.url).pathname;

function run(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--import', hook, ...args], { cwd: root, input, encoding: 'utf8', timeout: 30_000, env: { ...process.env, DISCORD_TOKEN: '' } });
  const loaded = /discord\.js modules loaded: (\d+)/.exec(result.stderr)?.[1];
  return { ...result, discordModules: loaded === undefined ? null : Number(loaded) };
}

describe('start only what is needed', () => {
  it('the offline console answers without loading discord.js', () => {
    const console = run(['src/main.ts'], '/port 8080\n/explain localhost\n');
    expect(console.status).toBe(0);
    expect(console.stdout).toMatch(/8080/);
    expect(console.discordModules).toBe(0);
  });

  it('the CLI answers without loading discord.js', () => {
    for (const args of [['port', '8080', '--json'], ['ask', '--json', 'what is localhost']]) {
      const cli = run(['src/cli.ts', ...args]);
      expect(cli.status, args.join(' ')).toBe(0);
      expect(cli.discordModules, args.join(' ')).toBe(0);
    }
  });

  it('the hook sees discord.js when it is loaded (so the checks above can fail)', () => {
    const deploy = run(['-e', "import('discord.js').then(() => {})"]);
    expect(deploy.discordModules).toBeGreaterThan(0);
  });

  it('builds each command definition on demand, once', () => {
    const [first] = commands;
    expect(first!.definition()).toBe(first!.definition());
    expect(first!.definition().name).toBe(first!.name);
  });
});
