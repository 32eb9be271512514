import { memoByText } from './text-memo.ts';

/**
 * Discord renders bold, lists and code but not tables, so knowledge tables become lists:
 * a comparison table (blank first header) reads "- **Row**: A: x · B: y", any other "- **a** · b · c".
 */
export function tablesToLists(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let inCode = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimStart().startsWith('```')) inCode = !inCode;
    if (inCode || !isTableRow(line) || !isSeparator(lines[i + 1] ?? '')) {
      out.push(line);
      continue;
    }
    const header = cells(line);
    i += 2;
    for (; i < lines.length && isTableRow(lines[i]!); i++) {
      const row = cells(lines[i]!);
      if (header[0] === '') {
        const parts = row.slice(1).map((cell, k) => `${header[k + 1] ?? ''}: ${cell}`);
        out.push(`- **${row[0]}**: ${parts.join(' · ')}`);
      } else {
        out.push(`- **${row[0]}** · ${row.slice(1).join(' · ')}`);
      }
    }
    i--;
  }
  return out.join('\n');
}

/** A topic body as Discord shows it (tables as lists), converted once per body. */
export const bodyAsShown = memoByText(tablesToLists);

function isTableRow(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

function isSeparator(line: string): boolean {
  return /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(line);
}

/** Cells of a row; `\|` inside a cell (netstat -an \| grep) is a literal bar. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}
