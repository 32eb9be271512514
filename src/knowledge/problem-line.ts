import path from 'node:path';

/** Marks a problem whose line is known where it is found (a YAML error); stripped when the line is shown. */
export const lineMarker = (line: number) => ` (line ${line})`;
const MARKER = / \(line (\d+)\)/;

/**
 * The line of a topic file a loading problem is about, so an editor can jump to it: the YAML
 * error's own line, the line of the field a problem names ("aliases.ko" → the `ko:` under
 * `aliases:`), or a body heading. null when the problem is about the whole file.
 */
export function locateProblem(source: string, problem: string): { line: number | null; problem: string } {
  const marked = MARKER.exec(problem);
  if (marked) return { line: Number(marked[1]), problem: problem.replace(MARKER, '') };
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (problem.startsWith('missing front matter')) return { line: 1, problem };
  const end = lines.indexOf('---', 1);
  const field = fieldOf(problem);
  if (field && end > 0) {
    const [key, lang] = field;
    const at = lines.findIndex((l, i) => i > 0 && i < end && new RegExp(`^${key}\\s*:`).test(l));
    if (at > 0) {
      if (lang) {
        for (let i = at + 1; i < end && /^\s/.test(lines[i]!); i++) if (new RegExp(`^\\s+${lang}\\s*:`).test(lines[i]!)) return { line: i + 1, problem };
      }
      return { line: at + 1, problem };
    }
  }
  const heading = /"(# [^"]+)"/.exec(problem)?.[1];
  if (heading) {
    const at = lines.findIndex((l) => l.trim().toLowerCase() === heading.toLowerCase());
    if (at >= 0) return { line: at + 1, problem };
  }
  if (problem.startsWith('body') && end > 0) return { line: end + 2, problem };
  return { line: null, problem };
}

function fieldOf(problem: string): [string, string | undefined] | null {
  const quoted = /^(?:unknown field )?"([a-z]+)(?:\.(en|ko))?"/.exec(problem);
  if (quoted) return [quoted[1]!, quoted[2]];
  const word = /^(id|related|parent|duplicate topic id|overrides)\b/.exec(problem)?.[1];
  if (!word) return null;
  return [word === 'related' || word === 'overrides' ? word : 'id', undefined];
}

/** Paths under the working directory stay short (`knowledge/ports.md`); others are shown whole. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}
