import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { Lang, Localized } from '../knowledge/topic.ts';
import { MAX_PORT, MIN_PORT } from './parse-port.ts';

export const DEFAULT_SERVICES_FILE = fileURLToPath(new URL('../../knowledge/services.yaml', import.meta.url));

export interface Service {
  /** The port, or the first port of a range. */
  port: number;
  /** Inclusive [first, last] when the entry covers a range (Kubernetes NodePorts), else null. */
  range: [number, number] | null;
  protocol: 'tcp' | 'udp' | 'both';
  name: string;
  description: Localized<string>;
  note: Localized<string> | null;
  /**
   * A port meant for the apps people run themselves (dev servers, alternative HTTP). Every other
   * entry belongs to a service: the bot never suggests starting an app there.
   */
  forApps: boolean;
}

/** True when a port is a known service's own, where the bot must not suggest running an app. */
export function isServicePort(services: ServiceTable, port: number): boolean {
  const service = services.get(port);
  return Boolean(service && !service.forApps);
}

export type ServiceTable = ReadonlyMap<number, Service>;

/** Loads the table of usual services; a bad entry stops start-up with its file, line and problem. */
export function loadServices(file: string = DEFAULT_SERVICES_FILE): ServiceTable {
  const lines = new LineCounter();
  const document = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
  const broken = document.errors[0];
  if (broken) {
    const at = broken.linePos?.[0];
    throw new Error(`${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${broken.message.split('\n')[0]}`);
  }
  const entries: unknown = document.toJS();
  if (!Array.isArray(entries)) throw new Error(`${file}:1: must be a list of services`);
  // Each entry's first line, for problems found after parsing.
  const entryLines = isSeq(document.contents) ? document.contents.items.map((item) => lines.linePos((item as { range?: readonly number[] | null }).range?.[0] ?? 0).line) : [];
  const table = new Map<number, Service>();
  const problems: string[] = [];
  entries.forEach((entry: Record<string, unknown>, i) => {
    const where = `${file}:${entryLines[i] ?? '?'}: entry ${i + 1}`;
    const range = portRange(entry, where, problems);
    if (!range) return;
    const [port, last] = range;
    const protocol = entry.protocol;
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'both') problems.push(`${where}: "protocol" must be tcp, udp or both`);
    const text = (key: string) => (typeof entry[key] === 'string' && (entry[key] as string).trim() ? (entry[key] as string).trim() : null);
    const [name, en, ko] = [text('name'), text('en'), text('ko')];
    if (!name || !en || !ko) problems.push(`${where}: "name", "en" and "ko" are required texts`);
    const [noteEn, noteKo] = [text('note_en'), text('note_ko')];
    if (Boolean(noteEn) !== Boolean(noteKo)) problems.push(`${where}: give both note_en and note_ko, or neither`);
    const forApps = entry.for_apps ?? false;
    if (typeof forApps !== 'boolean') problems.push(`${where}: "for_apps" must be true or false`);
    const service: Service = {
      port,
      range: last > port ? [port, last] : null,
      protocol: protocol as Service['protocol'],
      name: name ?? '',
      description: { en: en ?? '', ko: ko ?? '' },
      note: noteEn && noteKo ? { en: noteEn, ko: noteKo } : null,
      forApps: forApps === true,
    };
    for (let p = port; p <= last; p++) {
      if (table.has(p)) problems.push(`${where}: port ${p} is listed twice`);
      table.set(p, service);
    }
  });
  if (problems.length) throw new Error(`services table has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  return table;
}

const KNOWN_KEYS = new Set(['port', 'ports', 'protocol', 'name', 'en', 'ko', 'note_en', 'note_ko', 'for_apps']);

/** An entry's ports: `port: 5432`, or `ports: 30000-32767` for a range. Null (with a problem) when invalid. */
function portRange(entry: Record<string, unknown>, where: string, problems: string[]): [number, number] | null {
  const valid = (n: number) => Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT;
  for (const key of Object.keys(entry ?? {})) if (!KNOWN_KEYS.has(key)) problems.push(`${where}: unknown field "${key}"`);
  if (entry?.ports !== undefined) {
    const match = typeof entry.ports === 'string' ? /^(\d{1,5})-(\d{1,5})$/.exec(entry.ports.trim()) : null;
    const [first, last] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
    if (entry.port !== undefined || !valid(first) || !valid(last) || first >= last) {
      problems.push(`${where}: "ports" must be a range "first-last" of whole numbers from 1 to 65535, first < last, instead of "port"`);
      return null;
    }
    return [first, last];
  }
  const port = entry?.port;
  if (typeof port !== 'number' || !valid(port)) {
    problems.push(`${where}: "port" must be a whole number from 1 to 65535`);
    return null;
  }
  return [port, port];
}

export type RangeClass = 'well-known' | 'registered' | 'dynamic';

/** IANA's split: 0-1023 well-known (system), 1024-49151 registered, 49152-65535 dynamic/private. */
export function rangeClass(port: number): RangeClass {
  if (port <= 1023) return 'well-known';
  if (port <= 49151) return 'registered';
  return 'dynamic';
}

export function serviceJson(service: Service, lang: Lang = 'en') {
  return {
    name: service.name,
    protocol: service.protocol,
    description: service.description[lang],
    note: service.note?.[lang] ?? null,
    ...(service.range ? { range: service.range } : {}),
    forApps: service.forApps,
  };
}
