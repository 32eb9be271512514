import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { MAX_QUESTION_CHARS } from './bounds.ts';
import { OFF_TOPIC, type LabelledText } from './phrasing.ts';
import { displayPath } from './problem-line.ts';

/**
 * `phrasing/` in a knowledge folder: how people ask, one YAML file per topic
 * (`phrasing/port-conflict/time-wait.yaml` for `port-conflict/time-wait`), each with `en:` and
 * `ko:` lists of questions as people type them, and `phrasing/off-topic.yaml` with questions the
 * bot must not answer. Editors teach the search a new phrasing by adding a line; nothing else.
 */
export const PHRASING_FOLDER = 'phrasing';
export const OFF_TOPIC_FILE = 'off-topic.yaml';
const YAML_FILE = /\.ya?ml$/;

/**
 * Reads every phrasing file of the folders; each problem names its file and line. Pauses after each
 * file (a generator, driven by knowledgeLoading in load.ts).
 */
export function* phrasingLoading(folders: readonly string[], topicIds: ReadonlySet<string>, problems: string[]): Generator<void, LabelledText[]> {
  const out: LabelledText[] = [];
  for (const folder of folders) {
    const root = path.join(folder, PHRASING_FOLDER);
    if (!fs.existsSync(root)) continue;
    const files = fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const name = relative.replace(YAML_FILE, '');
      const label = name === OFF_TOPIC_FILE.replace(YAML_FILE, '') ? OFF_TOPIC : name;
      const display = displayPath(file);
      if (label !== OFF_TOPIC && !topicIds.has(label)) {
        problems.push(`${display}: no topic "${label}" for these examples (name the file after a topic id, or ${OFF_TOPIC_FILE})`);
        continue;
      }
      for (const text of readExamples(file, display, problems)) out.push({ text, label });
      yield;
    }
  }
  return out;
}

function readExamples(file: string, display: string, problems: string[]): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: true });
  const at = (offset: number | undefined) => (offset === undefined ? display : `${display}: line ${lines.linePos(offset).line}`);
  if (doc.errors.length) {
    problems.push(...doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`));
    return [];
  }
  if (!isMap(doc.contents)) {
    problems.push(`${display}: must have "en:" and/or "ko:" lists of example questions`);
    return [];
  }
  const texts: string[] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'en' && key !== 'ko') {
      problems.push(`${at(isScalar(pair.key) ? pair.key.range?.[0] : undefined)}: unknown key "${key}" (allowed: en, ko)`);
      continue;
    }
    if (!isSeq(pair.value)) {
      problems.push(`${at(pair.key && isScalar(pair.key) ? pair.key.range?.[0] : undefined)}: "${key}" must be a list of questions`);
      continue;
    }
    for (const item of pair.value.items) {
      const value = isScalar(item) && typeof item.value === 'string' ? item.value.trim() : '';
      if (!value) problems.push(`${at(isScalar(item) ? item.range?.[0] : undefined)}: each "${key}" entry must be a non-empty question`);
      else if (value.length > MAX_QUESTION_CHARS) problems.push(`${at(item.range?.[0])}: a question longer than ${MAX_QUESTION_CHARS} characters (the search reads no more)`);
      else texts.push(value);
    }
  }
  return texts;
}
