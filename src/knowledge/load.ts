import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { analyze } from './analyze.ts';
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
const ALLOWED_KEYS = new Set(['id', 'title', 'summary', 'aliases', 'keywords', 'examples', 'related']);
/** Body sections: a level-1 heading per language. */
const SECTION_HEADINGS: Record<string, Lang> = { '# english': 'en', '# 한국어': 'ko', '# korean': 'ko' };

/** Loads and validates every `*.md` topic under `dir`. Throws KnowledgeError naming each bad file. */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const problems: string[] = [];
  const topics: Topic[] = [];
  for (const file of listMarkdown(dir)) {
    const relative = path.relative(dir, file).split(path.sep).join('/');
    const fileProblems: string[] = [];
    const topic = parseTopic(fs.readFileSync(file, 'utf8'), relative, fileProblems);
    problems.push(...fileProblems.map((p) => `${relative}: ${p}`));
    if (topic) topics.push(topic);
  }
  if (topics.length === 0 && problems.length === 0) problems.push(`${dir}: no topic files (*.md) found`);
  const byId = new Map<string, Topic>();
  for (const topic of topics) {
    const existing = byId.get(topic.id);
    if (existing) problems.push(`${topic.file}: duplicate topic id "${topic.id}" (also in ${existing.file})`);
    else byId.set(topic.id, topic);
  }
  for (const topic of topics) {
    if (topic.parent && !byId.has(topic.parent)) {
      problems.push(`${topic.file}: parent topic "${topic.parent}" does not exist`);
    }
    for (const rel of topic.related) {
      if (rel === topic.id) problems.push(`${topic.file}: related lists the topic itself`);
      else if (!byId.has(rel)) problems.push(`${topic.file}: related topic "${rel}" does not exist`);
    }
  }
  if (problems.length) throw new KnowledgeError(problems);
  topics.sort((a, b) => a.id.localeCompare(b.id));
  return { topics, byId };
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
    problems.push(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
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
  const examples = meta.examples === undefined ? { en: [], ko: [] } : exampleLists(meta.examples, problems);
  const body = splitBody(match[2] ?? '', problems);
  if (problems.length > before || typeof id !== 'string') return null;
  return {
    id,
    parent: id.includes('/') ? id.slice(0, id.indexOf('/')) : null,
    title: title!,
    summary: summary!,
    aliases: aliases!,
    keywords: keywords!,
    examples: examples!,
    related: related!,
    body: body!,
    file,
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

/** Example questions (optional): a few per language, each a whole question of reasonable length. */
const MAX_EXAMPLES = 12;
const MAX_EXAMPLE_LENGTH = 200;
function exampleLists(value: unknown, problems: string[]): Localized<string[]> | null {
  if (!isRecord(value)) {
    problems.push('"examples" must have "en" and/or "ko" lists of example questions');
    return null;
  }
  const out = {} as Localized<string[]>;
  for (const lang of LANGS) {
    const list = stringList(value[lang] ?? [], `examples.${lang}`, problems) ?? [];
    if (list.length > MAX_EXAMPLES) problems.push(`"examples.${lang}" has ${list.length} entries; keep at most ${MAX_EXAMPLES}`);
    for (const entry of list) {
      if (entry.length > MAX_EXAMPLE_LENGTH) problems.push(`"examples.${lang}": "${entry.slice(0, 40)}…" is longer than ${MAX_EXAMPLE_LENGTH} characters`);
      else if (analyze(entry).length < 2) problems.push(`"examples.${lang}": "${entry}" is not a question (it needs at least two words that are not stop words)`);
    }
    out[lang] = list;
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
