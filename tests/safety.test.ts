import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Every source file of the bot, to guard the promises the README makes about what it never does. */
function sources(dir = new URL('../src/', import.meta.url).pathname): Array<[string, string]> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [[full, fs.readFileSync(full, 'utf8')] as [string, string]] : [];
  });
}

describe('the bot never does anything unsafe', () => {
  const files = sources();

  it('runs its one program through execFile with a fixed program, shell off', () => {
    for (const [file, text] of files) expect(text, file).not.toMatch(/shell:\s*true|taskkill\s*['"]/);
    const platforms = files.find(([file]) => file.endsWith('ports/platforms.ts'))![1];
    expect(platforms).toMatch(/execFile\(file, args, \{[^}]*shell: false/);
  });

  it('has no host argument: the port lookup only ever binds or reads this host', () => {
    const lookup = files.filter(([file]) => file.includes(`${path.sep}ports${path.sep}`));
    for (const [file, text] of lookup) expect(text, file).not.toMatch(/net\.connect|createConnection|\.connect\(/);
  });
});

/**
 * The guard is a lint rule (eslint.config.js, `npm run lint`, run by CI): a text search missed
 * `import cp from 'node:child_process'; cp.exec('fuser -k 80/tcp')`. Each way in is shown caught.
 */
describe('the lint rule that guards it', () => {
  const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
  const errorsIn = async (code: string, file = 'src/ports/new-module.ts') => {
    const [result] = await eslint.lintText(code, { filePath: file });
    const unparsed = result!.messages.find((m) => m.fatal);
    if (unparsed) throw new Error(`snippet did not parse: ${unparsed.message}`);
    return result!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId);
  };

  const caught: Array<[string, string]> = [
    ['a default import (the case that slipped through)', "import cp from 'node:child_process';\ncp.exec('fuser -k 80/tcp');"],
    ['a default import without node:', "import cp from 'child_process';"],
    ['a namespace import', "import * as cp from 'node:child_process';"],
    ['a named import', "import { exec } from 'node:child_process';"],
    ['execFile outside the one allowed file', "import { execFile } from 'node:child_process';"],
    ['a type-only import', "import type { ChildProcess } from 'node:child_process';"],
    ['a re-export', "export { spawn } from 'node:child_process';"],
    ['a dynamic import', "const cp = await import('node:child_process');"],
    ['a dynamic import in a template', 'const cp = await import(`node:child_process`);'],
    ['require', "const cp = require('child_process');"],
    ['createRequire', "import { createRequire } from 'node:module';\nconst cp = createRequire(import.meta.url)('node:child_process');"],
    ['process.kill', 'process.kill(1234, "SIGKILL");'],
    ["process['kill']", "process['kill'](1234);"],
    ['kill taken from process', 'const { kill } = process;\nkill(1);'],
    ['kill on a child', 'declare const child: { kill(): void };\nchild.kill();'],
  ];
  for (const [way, code] of caught) {
    it(`catches ${way}`, async () => {
      expect(await errorsIn(code)).toContainEqual(expect.stringMatching(/^no-restricted-(imports|syntax)$/));
    });
  }

  it('allows only execFile, only in src/ports/platforms.ts', async () => {
    expect(await errorsIn("import { execFile } from 'node:child_process';", 'src/ports/platforms.ts')).toEqual([]);
    expect(await errorsIn("import { exec } from 'node:child_process';", 'src/ports/platforms.ts')).toEqual(['no-restricted-imports']);
    expect(await errorsIn("import cp from 'node:child_process';", 'src/ports/platforms.ts')).toEqual(['no-restricted-imports']);
    expect(await errorsIn('process.kill(1);', 'src/ports/platforms.ts')).toEqual(['no-restricted-syntax']);
  });

  it('passes on the real tree', async () => {
    const results = await eslint.lintFiles(['.']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
    expect(results.some((r) => r.filePath.endsWith('src/ports/platforms.ts'))).toBe(true);
  }, 60_000);
});
