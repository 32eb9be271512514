import { analyze } from '../knowledge/analyze.ts';
import { memoByText } from './text-memo.ts';

/**
 * A chat answer is the topic's summary plus the part of its body that best matches the question.
 * A topic body is split into sections at its bold heading lines (`**Fixes, quickest first**`),
 * and a section into top-level list items, so "which process holds 8080" can start at the
 * "find the process" step instead of the top of the conflict topic.
 */

/** How much a chat-sized answer may take in a channel or for /ask (title and description together). */
export const CHAT_BUDGET = { chars: 900, lines: 12 } as const;

interface Section {
  heading: string | null;
  /** Text between the heading and the first list item. */
  intro: string[];
  /** Top-level list items, each with its continuation lines and code blocks. */
  items: string[][];
}

const HEADING = /^\*\*[^*].*\*\*:?\s*$/;
const ITEM = /^(?:[-*]|\d+[.)])\s/;
const FENCE = /^\s*```/;

function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { heading: null, intro: [], items: [] };
  let inCode = false;
  for (const line of body.split('\n')) {
    if (!inCode && HEADING.test(line.trim())) {
      if (current.heading !== null || current.intro.some((l) => l.trim()) || current.items.length) sections.push(current);
      current = { heading: line.trim(), intro: [], items: [] };
      continue;
    }
    if (FENCE.test(line)) inCode = !inCode;
    const startsItem = !inCode && ITEM.test(line) && !FENCE.test(line);
    if (startsItem) current.items.push([line]);
    else if (current.items.length) current.items.at(-1)!.push(line);
    else current.intro.push(line);
  }
  sections.push(current);
  return sections.map((s) => ({ ...s, intro: trimBlank(s.intro), items: s.items.map(trimBlank) }));
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]!.trim()) start++;
  while (end > start && !lines[end - 1]!.trim()) end--;
  return lines.slice(start, end);
}

function terms(text: string): Set<string> {
  return new Set(analyze(text).flatMap((t) => [t.term, ...(t.implied ?? [])]));
}

/** Parts of topic bodies, read once. */
const partTerms = memoByText(terms);

/** A body's sections, their headings, its non-blank lines and each section's text, split once per body. */
const layoutOf = memoByText((body: string) => {
  const sections = splitSections(body);
  return {
    sections,
    headings: sections.map((s) => s.heading ?? ''),
    whole: trimBlank(body.split('\n')),
    sectionText: sections.map((s) => [s.heading ?? '', ...s.intro, ...s.items.flat()].join('\n')),
  };
});

/**
 * Scores each part by the question's words it contains, a word weighing less the more parts
 * share it (a word in every part says nothing about which part is meant).
 */
function scorer(asked: Set<string>, parts: string[]): (i: number) => number {
  const termsOfPart = parts.map(partTerms);
  const weight = new Map<string, number>();
  for (const term of asked) {
    const df = termsOfPart.filter((t) => t.has(term)).length;
    if (df) weight.set(term, Math.log(1 + parts.length / df));
  }
  return (i) => [...weight].reduce((sum, [term, w]) => sum + (termsOfPart[i]!.has(term) ? w : 0), 0);
}

/**
 * The lines of the body part that best answers `question`, at most `maxLines` lines and
 * `maxChars` characters, never ending inside a code block. `complete` tells whether that is the
 * whole body.
 */
export function bestPart(body: string, question: string, maxLines: number, maxChars: number): { lines: string[]; complete: boolean } {
  const { sections, headings, whole, sectionText } = layoutOf(body);
  if (whole.length <= maxLines && whole.join('\n').length <= maxChars) return { lines: [...whole], complete: true };

  const asked = terms(question);
  const headingScore = scorer(asked, headings);
  const textScore = scorer(asked, sectionText);
  let best = 0;
  let bestScore = 0;
  sections.forEach((_, i) => {
    const score = textScore(i) + 2 * headingScore(i);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  const section = sections[best]!;

  // Within the section, start at the item that matches best (the first when none stands out). A
  // question that matches the section's own heading asks for all of it (a checklist), from the top.
  let firstItem = 0;
  if (section.items.length > 1 && headingScore(best) === 0) {
    const itemScore = scorer(asked, section.items.map((item) => item.join('\n')));
    section.items.forEach((_, i) => {
      if (itemScore(i) > itemScore(firstItem)) firstItem = i;
    });
  }
  const blocks: string[][] = [];
  if (section.heading) blocks.push([section.heading]);
  if (firstItem === 0 && section.intro.length) blocks.push(...paragraphs(section.intro));
  blocks.push(...section.items.slice(firstItem));

  const lines: string[] = [];
  for (const block of blocks) {
    const room = { lines: maxLines - lines.length, chars: maxChars - lines.join('\n').length - 1 };
    if (block.length <= room.lines && block.join('\n').length <= room.chars) {
      lines.push(...block);
      continue;
    }
    // The first block that does not fit: keep what fits of it when nothing else is shown yet.
    if (lines.length <= 1) lines.push(...fitBlock(block, room.lines, room.chars));
    break;
  }
  return { lines, complete: false };
}

/** Paragraphs and code blocks of an intro, as separate blocks so a long intro can be cut between them. */
function paragraphs(lines: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let inCode = false;
  for (const line of lines) {
    if (FENCE.test(line)) inCode = !inCode;
    if (!inCode && !line.trim()) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) out.push(current);
  return out;
}

/** As much of one block as fits, cut at a line and a word, with any open code block closed. */
function fitBlock(block: string[], maxLines: number, maxChars: number): string[] {
  const out: string[] = [];
  let inCode = false;
  for (const line of block) {
    const needed = inCode || FENCE.test(line) ? 2 : 1; // room for a closing fence
    if (out.length + needed > maxLines) break;
    const used = out.join('\n').length + 1 + (inCode ? 4 : 0);
    if (used + line.length > maxChars) {
      if (!inCode && !FENCE.test(line) && maxChars - used > 40) out.push(`${line.slice(0, maxChars - used - 1).replace(/\s+\S*$/, '')}…`);
      break;
    }
    if (FENCE.test(line)) inCode = !inCode;
    out.push(line);
  }
  if (inCode) out.push('```');
  return out;
}
