import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { analyze } from './analyze.ts';
import { lineMarker, locateProblem } from './problem-line.ts';
import { LANGS, type KnowledgeBase, type Lang, type Localized, type Topic } from './topic.ts';

export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** Raised when a knowledge file is broken; lists every problem, each with its file. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`knowledge base has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'KnowledgeError';
  }
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const ALLOWED_KEYS = new Set(['id', 'title', 'summary', 'aliases', 'keywords', 'related', 'sources', 'overrides']);
/** Body sections: a level-1 heading per language. */
const SECTION_HEADINGS: Record<string, Lang> = { '# english': 'en', '# 한국어': 'ko', '# korean': 'ko' };

/**
 * Loads and validates every `*.md` topic under `dir`, then under each of `extraDirs` (a team's own
 * folders, KNOWLEDGE_DIRS) in order. An id already loaded is an error unless the later topic says
 * `overrides: <id>`. Throws KnowledgeError naming each bad file and line; nothing is dropped silently.
 */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR, extraDirs: readonly string[] = []): KnowledgeBase {
  const problems: string[] = [];
  const byId = new Map<string, Topic>();
  /** Where each loaded topic came from, for messages that name it. */
  const origin = new Map<Topic, { display: string; source: string; order: number }>();
  const at = (topic: Topic, problem: string) => {
    const { display, source } = origin.get(topic)!;
    return located(display, source, problem);
  };
  for (const [order, folder] of [dir, ...extraDirs].entries()) {
    for (const file of listMarkdown(folder)) {
      const relative = path.relative(folder, file).split(path.sep).join('/');
      const display = displayPath(file);
      const source = fs.readFileSync(file, 'utf8');
      const fileProblems: string[] = [];
      const topic = parseTopic(source, relative, fileProblems);
      problems.push(...fileProblems.map((p) => located(display, source, p)));
      if (!topic) continue;
      origin.set(topic, { display, source, order });
      const existing = byId.get(topic.id);
      if (topic.overrides && topic.overrides !== topic.id) {
        problems.push(at(topic, `overrides "${topic.overrides}" must name this topic's own id "${topic.id}" (the file takes the place of the topic with that id)`));
      } else if (existing && topic.overrides && origin.get(existing)!.order < order) {
        byId.set(topic.id, topic);
      } else if (existing) {
        problems.push(at(topic, `duplicate topic id "${topic.id}" (also in ${origin.get(existing)!.display}); to replace that topic, add "overrides: ${topic.id}"`));
      } else if (topic.overrides) {
        problems.push(at(topic, `overrides "${topic.overrides}", but no earlier folder has a topic with that id`));
      } else {
        byId.set(topic.id, topic);
      }
    }
  }
  const topics = [...byId.values()];
  if (topics.length === 0 && problems.length === 0) problems.push(`${dir}: no topic files (*.md) found`);
  for (const topic of topics) {
    if (topic.parent && !byId.has(topic.parent)) {
      problems.push(at(topic, `parent topic "${topic.parent}" does not exist`));
    }
    for (const rel of topic.related) {
      if (rel === topic.id) problems.push(at(topic, 'related lists the topic itself'));
      else if (!byId.has(rel)) problems.push(at(topic, `related topic "${rel}" does not exist`));
    }
  }
  if (problems.length) throw new KnowledgeError(problems);
  topics.sort((a, b) => a.id.localeCompare(b.id));
  return { topics, byId };
}

/** `file: problem (line N)`: the file first, as every loading message has it, then where in it. */
function located(display: string, source: string, problem: string): string {
  const { line, problem: text } = locateProblem(source, problem);
  return `${display}: ${text}${line ? ` (line ${line})` : ''}`;
}

/** Paths under the working directory stay short (`knowledge/ports.md`); others are shown whole. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

function listMarkdown(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new KnowledgeError([`${dir}: knowledge folder not found`]);
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Parses one topic file; pushes problems (without the file name) and returns null if unusable. */
export function parseTopic(source: string, file: string, problems: string[]): Topic | null {
  const match = FRONT_MATTER.exec(source.replace(/^\uFEFF/, ''));
  if (!match) {
    problems.push('missing front matter: the file must start with a line "---", the fields, and another "---"');
    return null;
  }
  let meta: unknown;
  try {
    meta = parseYaml(match[1] ?? '');
  } catch (error) {
    // The YAML line counts from the line after the opening "---".
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    problems.push(`front matter is not valid YAML${line ? lineMarker(line + 1) : ''}: ${(error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
    return null;
  }
  if (!isRecord(meta)) {
    problems.push('front matter must be a set of "key: value" fields');
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(meta)) {
    if (!ALLOWED_KEYS.has(key)) problems.push(`unknown field "${key}" (allowed: ${[...ALLOWED_KEYS].join(', ')})`);
  }
  const id = meta.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    problems.push('"id" must be lower-case words joined by "-", optionally "<parent>/<sub>"');
  } else {
    const expected = `${id}.md`;
    if (file !== expected) problems.push(`id "${id}" must live in ${expected}`);
  }
  const title = localizedText(meta.title, 'title', problems);
  const summary = localizedText(meta.summary, 'summary', problems);
  const aliases = localizedList(meta.aliases, 'aliases', problems, true);
  const keywords = localizedList(meta.keywords, 'keywords', problems, false);
  const related = stringList(meta.related ?? [], 'related', problems);
  // Where the easy-to-get-wrong facts were checked: each entry starts with a URL or a repository path.
  const sources = stringList(meta.sources ?? [], 'sources', problems);
  sources?.forEach((source, i) => {
    if (!/^(https:\/\/\S+|[\w.-]+\/[\w.-]+\S*)(\s|$)/.test(source)) problems.push(`"sources" entry ${i + 1} must start with an https:// URL or a repository path`);
  });
  const body = splitBody(match[2] ?? '', problems);
  const overrides = meta.overrides;
  if (overrides !== undefined && (typeof overrides !== 'string' || !ID_PATTERN.test(overrides))) problems.push('"overrides" must be the id of the topic this one replaces');
  if (problems.length > before || typeof id !== 'string') return null;
  return {
    id,
    parent: id.includes('/') ? id.slice(0, id.indexOf('/')) : null,
    title: title!,
    summary: summary!,
    aliases: aliases!,
    keywords: keywords!,
    related: related!,
    sources: sources!,
    body: body!,
    file,
    ...(typeof overrides === 'string' ? { overrides } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function localizedText(value: unknown, field: string, problems: string[]): Localized<string> | null {
  if (!isRecord(value)) {
    problems.push(`"${field}" must have "en" and "ko" texts`);
    return null;
  }
  const out = {} as Localized<string>;
  for (const lang of LANGS) {
    const text = value[lang];
    if (typeof text !== 'string' || !text.trim()) problems.push(`"${field}.${lang}" must be a non-empty text`);
    else out[lang] = text.trim();
  }
  return out;
}

function localizedList(value: unknown, field: string, problems: string[], required: boolean): Localized<string[]> | null {
  if (!isRecord(value)) {
    problems.push(`"${field}" must have "en" and "ko" lists`);
    return null;
  }
  const out = {} as Localized<string[]>;
  for (const lang of LANGS) {
    const list = stringList(value[lang] ?? [], `${field}.${lang}`, problems);
    if (list && required && list.length === 0) problems.push(`"${field}.${lang}" needs at least one entry`);
    for (const entry of list ?? []) {
      const inverted = invertedByNegation(entry);
      if (inverted) problems.push(`"${field}.${lang}": "${entry}" would be read as "${inverted}" (the negation is a stop word); say it without the negation`);
    }
    if (list) out[lang] = list;
  }
  return out;
}

/** Negations are stop words, so a phrase that is only a negation and one word reads as its opposite. */
const NEGATIONS = new Set(['no', 'not', 'never', 'without', 'cannot', "can't", "don't", '안', '못', '없이']);

/** The one term a negated entry collapses to ("no network" → "network"), or null when it keeps its meaning. */
function invertedByNegation(entry: string): string | null {
  if (!entry.toLowerCase().split(/\s+/).some((word) => NEGATIONS.has(word))) return null;
  const tokens = analyze(entry);
  return tokens.length === 1 ? tokens[0]!.term : null;
}

/** A YAML list of texts; bare numbers (`80`) are accepted as text. */
function stringList(value: unknown, field: string, problems: string[]): string[] | null {
  if (!Array.isArray(value)) {
    problems.push(`"${field}" must be a list, e.g. [a, b]`);
    return null;
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'number') out.push(String(item));
    else if (typeof item === 'string' && item.trim()) out.push(item.trim());
    else problems.push(`"${field}" entry ${i + 1} must be a non-empty text`);
  });
  return out;
}

function splitBody(body: string, problems: string[]): Localized<string> | null {
  const before = problems.length;
  const sections: Partial<Record<Lang, string[]>> = {};
  let current: Lang | null = null;
  const preamble: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const lang = SECTION_HEADINGS[line.trim().toLowerCase()];
    if (lang) {
      if (sections[lang]) problems.push(`body has two "${line.trim()}" sections`);
      current = lang;
      sections[lang] = [];
    } else if (current) {
      sections[current]!.push(line);
    } else if (line.trim()) {
      preamble.push(line);
    }
  }
  if (preamble.length) problems.push('body text must come under "# English" or "# 한국어"');
  const out = {} as Localized<string>;
  for (const lang of LANGS) {
    const text = sections[lang]?.join('\n').trim();
    if (!text) problems.push(`body needs a non-empty "${lang === 'en' ? '# English' : '# 한국어'}" section`);
    else out[lang] = text;
  }
  return problems.length > before ? null : out;
}
