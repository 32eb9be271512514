import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { Lang } from '../knowledge/topic.ts';
import { entryProblems, serviceEntrySchema, type Service } from './service-entry.ts';

export type { Service };

export const DEFAULT_SERVICES_FILE = fileURLToPath(new URL('../../knowledge/services.yaml', import.meta.url));

/** True when a port is a known service's own, where the bot must not suggest running an app. */
export function isServicePort(services: ServiceTable, port: number): boolean {
  return isReservedFor(services.get(port));
}

/** The port belongs to this service (it is not one meant for people's own apps, such as 8080). */
export function isReservedFor(service: Service | null | undefined): service is Service {
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
  entries.forEach((entry: unknown, i) => {
    const where = `${file}:${entryLines[i] ?? '?'}: entry ${i + 1}`;
    const parsed = serviceEntrySchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(...entryProblems(parsed.error.issues).map((problem) => `${where}: ${problem}`));
      return;
    }
    const service = parsed.data;
    for (let p = service.port; p <= (service.range?.[1] ?? service.port); p++) {
      if (table.has(p)) problems.push(`${where}: port ${p} is listed twice`);
      table.set(p, service);
    }
  });
  if (problems.length) throw new Error(`services table has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  return table;
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
