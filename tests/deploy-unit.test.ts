import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/** deploy/devops-bot.service: the systemd unit README's "Running it for real" describes. */
const UNIT = new URL('../deploy/devops-bot.service', import.meta.url).pathname;
const unit = fs.readFileSync(UNIT, 'utf8');
const hasSystemd = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('the systemd unit', () => {
  it('runs exactly what npm start runs, restarts on failure, and reads an environment file', () => {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    const [, ...args] = pkg.scripts.start.split(/\s+/);
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${args.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/devops-bot\/env$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
  });

  // systemd is not a dependency of the project: checked where it is installed.
  it.skipIf(!hasSystemd)('passes systemd-analyze verify', () => {
    const result = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
