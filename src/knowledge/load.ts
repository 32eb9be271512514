import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type * as zod from 'zod';
import { z } from '../zod.ts';
import { analyze } from './analyze.ts';
import { phrasingLoading } from './phrasing-files.ts';
import { displayPath, lineMarker, locateProblem } from './problem-line.ts';
import { runToEnd } from './steps.ts';
import { familyOf, type KnowledgeBase, type Lang, type Localized, type Topic } from './topic.ts';

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
/** Body sections: a level-1 heading per language. */
const SECTION_HEADINGS: Record<string, Lang> = { '# english': 'en', '# 한국어': 'ko', '# korean': 'ko' };

/**
 * Loads and validates every `*.md` topic under `dir`, then under each of `extraDirs` (a team's own
 * folders, KNOWLEDGE_DIRS) in order. An id already loaded is an error unless the later topic says
 * `overrides: <id>`. Each folder's `phrasing/` examples come with them (phrasing-files.ts). Throws KnowledgeError naming each bad file and line; nothing is dropped silently.
 */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR, extraDirs: readonly string[] = []): KnowledgeBase {
  return runToEnd(knowledgeLoading(dir, extraDirs));
}

/**
 * loadKnowledge one file at a time: it pauses after each file read, so a caller can let other work
 * (a gateway handshake) run in between (live.ts's buildSnapshotGradually). Same result, same errors.
 */
export function* knowledgeLoading(dir: string = DEFAULT_KNOWLEDGE_DIR, extraDirs: readonly string[] = []): Generator<void, KnowledgeBase> {
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
      yield;
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
  const phrasing = yield* phrasingLoading([dir, ...extraDirs], new Set(byId.keys()), problems);
  if (problems.length) throw new KnowledgeError(problems);
  topics.sort((a, b) => a.id.localeCompare(b.id));
  return { topics, byId, phrasing };
}

/** `file: problem (line N)`: the file first, as every loading message has it, then where in it. */
function located(display: string, source: string, problem: string): string {
  const { line, problem: text } = locateProblem(source, problem);
  return `${display}: ${text}${line ? ` (line ${line})` : ''}`;
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
  const front = frontMatterSchema.safeParse(meta);
  if (!front.success) problems.push(...front.error.issues.flatMap(problemsOf));
  // A well-formed id in the wrong file is reported with the other problems, as soon as the id reads.
  const id = front.success ? front.data.id : idSchema.safeParse(meta).data?.id;
  if (id !== undefined && file !== `${id}.md`) problems.push(`id "${id}" must live in ${id}.md`);
  const body = splitBody(match[2] ?? '', problems);
  if (!front.success || !body || file !== `${front.data.id}.md`) return null;
  const { overrides, ...fields } = front.data;
  return { ...fields, parent: fields.id.includes('/') ? familyOf(fields.id) : null, body, file, ...(overrides ? { overrides } : {}) };
}

/**
 * A YAML list of texts, each trimmed; bare numbers (`80`) are accepted as text, and an empty
 * field (`related:`) as an empty list.
 */
const textList = (field: string) =>
  z.preprocess(
    (value) => value ?? [],
    z.array(z.unknown(), { error: `"${field}" must be a list, e.g. [a, b]` }).transform((items, ctx) =>
      items.flatMap((item, i) => {
        if (typeof item === 'number') return [String(item)];
        if (typeof item === 'string' && item.trim()) return [item.trim()];
        ctx.issues.push({ code: 'custom', input: item, message: `"${field}" entry ${i + 1} must be a non-empty text` });
        return [];
      }),
    ),
  );

const nonEmptyText = (field: string) => {
  const error = `"${field}" must be a non-empty text`;
  return z.string({ error }).trim().min(1, { error });
};

const localizedText = (field: string) => z.object({ en: nonEmptyText(`${field}.en`), ko: nonEmptyText(`${field}.ko`) }, { error: `"${field}" must have "en" and "ko" texts` });

/** Search terms in both languages; `required`: each language needs one at least. */
const localizedList = (field: string, required: boolean) => {
  const list = (lang: Lang) =>
    textList(`${field}.${lang}`).superRefine((entries, ctx) => {
      if (required && entries.length === 0) ctx.addIssue({ code: 'custom', input: entries, message: `"${field}.${lang}" needs at least one entry` });
      for (const entry of entries) {
        const inverted = invertedByNegation(entry);
        if (inverted) ctx.addIssue({ code: 'custom', input: entry, message: `"${field}.${lang}": "${entry}" would be read as "${inverted}" (the negation is a stop word); say it without the negation` });
      }
    });
  return z.object({ en: list('en'), ko: list('ko') }, { error: `"${field}" must have "en" and "ko" lists` });
};

const topicId = (error: string) => z.string({ error }).regex(ID_PATTERN, { error });

const MAX_EXAMPLES = 12;
const MAX_EXAMPLE_LENGTH = 200;

/** A few natural questions in one language: short, real questions (two words at least that are not stop words). */
const exampleList = (lang: Lang) =>
  textList(`examples.${lang}`).superRefine((entries, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', input: entries, message });
    if (entries.length > MAX_EXAMPLES) problem(`"examples.${lang}" has ${entries.length} entries; keep at most ${MAX_EXAMPLES}`);
    for (const entry of entries) {
      if (entry.length > MAX_EXAMPLE_LENGTH) problem(`"examples.${lang}": "${entry.slice(0, 40)}…" is longer than ${MAX_EXAMPLE_LENGTH} characters`);
      else if (analyze(entry).length < 2) problem(`"examples.${lang}": "${entry}" is not a question (it needs at least two words that are not stop words)`);
    }
  });

/** A topic file's front matter: the one definition of its fields, their types and their messages. */
const frontMatterSchema = z.strictObject(
  {
    id: topicId('"id" must be lower-case words joined by "-", optionally "<parent>/<sub>"'),
    title: localizedText('title'),
    summary: localizedText('summary'),
    aliases: localizedList('aliases', true),
    keywords: localizedList('keywords', false),
    /** Example questions a topic answers (used by the search as phrasing evidence); optional. */
    examples: z.object({ en: exampleList('en'), ko: exampleList('ko') }, { error: '"examples" must have "en" and/or "ko" lists of example questions' }).optional(),
    related: textList('related'),
    // Where the easy-to-get-wrong facts were checked: each entry starts with a URL or a repository path.
    sources: textList('sources').superRefine((sources, ctx) => {
      sources.forEach((source, i) => {
        if (!/^(https:\/\/\S+|[\w.-]+\/[\w.-]+\S*)(\s|$)/.test(source)) ctx.addIssue({ code: 'custom', input: source, message: `"sources" entry ${i + 1} must start with an https:// URL or a repository path` });
      });
    }),
    overrides: topicId('"overrides" must be the id of the topic this one replaces').optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'front matter must be a set of "key: value" fields' : undefined) },
);

/** Just the id, read on its own when other fields are broken. */
const idSchema = z.looseObject({ id: frontMatterSchema.shape.id });

/** The problem text of a schema issue: one per unknown field, else the message the schema gives. */
function problemsOf(issue: zod.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `unknown field "${key}" (allowed: ${Object.keys(frontMatterSchema.shape).join(', ')})`);
  return [issue.message];
}

/** Negations are stop words, so a phrase that is only a negation and one word reads as its opposite. */
const NEGATIONS = new Set(['no', 'not', 'never', 'without', 'cannot', "can't", "don't", '안', '못', '없이']);

/** The one term a negated entry collapses to ("no network" → "network"), or null when it keeps its meaning. */
function invertedByNegation(entry: string): string | null {
  if (!entry.toLowerCase().split(/\s+/).some((word) => NEGATIONS.has(word))) return null;
  const tokens = analyze(entry);
  return tokens.length === 1 ? tokens[0]!.term : null;
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
  const section = (lang: Lang) => {
    const text = sections[lang]?.join('\n').trim() ?? '';
    if (!text) problems.push(`body needs a non-empty "${lang === 'en' ? '# English' : '# 한국어'}" section`);
    return text;
  };
  const out: Localized<string> = { en: section('en'), ko: section('ko') };
  return problems.length > before ? null : out;
}
