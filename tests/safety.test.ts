import fs from 'node:fs';
import path from 'node:path';
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

  it('never runs a shell: only execFile with a fixed program, shell off', () => {
    for (const [file, text] of files) {
      const imported = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](?:node:)?child_process['"]/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
      expect(imported.filter((name) => name !== 'execFile'), file).toEqual([]);
      expect(text, file).not.toMatch(/shell:\s*true|require\(['"](?:node:)?child_process['"]\)|import\s+\*\s+as\s+\w+\s+from\s+['"](?:node:)?child_process/);
    }
    const platforms = files.find(([file]) => file.endsWith('ports/platforms.ts'))![1];
    expect(platforms).toMatch(/execFile\(file, args, \{[^}]*shell: false/);
  });

  it('never signals or stops a process', () => {
    for (const [file, text] of files) expect(text, file).not.toMatch(/process\.kill\s*\(|\.kill\s*\(|taskkill\s*['"]/);
  });

  it('has no host argument: the port lookup only ever binds or reads this host', () => {
    const lookup = files.filter(([file]) => file.includes(`${path.sep}ports${path.sep}`));
    for (const [file, text] of lookup) expect(text, file).not.toMatch(/net\.connect|createConnection|\.connect\(/);
  });
});
