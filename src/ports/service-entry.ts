import type * as zod from 'zod';
import { z } from '../zod.ts';
import { MAX_PORT, MIN_PORT } from './parse-port.ts';

const PORTS_PROBLEM = '"ports" must be a range "first-last" of whole numbers from 1 to 65535, first < last, instead of "port"';
const PORT_PROBLEM = '"port" must be a whole number from 1 to 65535';
const TEXTS_PROBLEM = '"name", "en" and "ko" are required texts';

const portNumber = z.number({ error: PORT_PROBLEM }).int({ error: PORT_PROBLEM }).min(MIN_PORT, { error: PORT_PROBLEM }).max(MAX_PORT, { error: PORT_PROBLEM });

/** `ports: 30000-32767`: an inclusive range, first < last. */
const portRange = z
  .string({ error: PORTS_PROBLEM })
  .trim()
  .regex(/^\d{1,5}-\d{1,5}$/, { error: PORTS_PROBLEM })
  .transform((text): [number, number] => {
    const [first = NaN, last = NaN] = text.split('-').map(Number);
    return [first, last];
  })
  .refine(([first, last]) => first >= MIN_PORT && last <= MAX_PORT && first < last, { error: PORTS_PROBLEM });

const requiredText = z.string({ error: TEXTS_PROBLEM }).trim().min(1, { error: TEXTS_PROBLEM });
const optionalText = z
  .string()
  .optional()
  .transform((text) => text?.trim() || null);

/**
 * One entry of knowledge/services.yaml: `port: 5432` (or `ports: first-last` for a range), its
 * protocol, name and description in both languages, an optional note in both, and `for_apps`.
 */
export const serviceEntrySchema = z
  .strictObject(
    {
      port: portNumber.optional(),
      ports: portRange.optional(),
      protocol: z.enum(['tcp', 'udp', 'both'], { error: '"protocol" must be tcp, udp or both' }),
      name: requiredText,
      en: requiredText,
      ko: requiredText,
      note_en: optionalText,
      note_ko: optionalText,
      for_apps: z.boolean({ error: '"for_apps" must be true or false' }).default(false),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must be a set of "key: value" fields' : undefined) },
  )
  // Between fields; run whatever else is wrong, so every problem of the entry is reported at once.
  .superRefine(
    (entry, ctx) => {
      if (entry.ports !== undefined && entry.port !== undefined) ctx.addIssue({ code: 'custom', input: entry, message: PORTS_PROBLEM });
      if (entry.ports === undefined && entry.port === undefined && !ctx.issues.some((i) => i.message === PORTS_PROBLEM || i.message === PORT_PROBLEM)) {
        ctx.addIssue({ code: 'custom', input: entry, message: PORT_PROBLEM });
      }
      if (Boolean(entry.note_en) !== Boolean(entry.note_ko)) {
        ctx.addIssue({ code: 'custom', input: entry, message: 'give both note_en and note_ko, or neither' });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .transform((entry) => {
    // Either is set once the checks above pass.
    const [port, last] = entry.ports ?? [entry.port ?? 0, entry.port ?? 0];
    return {
      /** The port, or the first port of a range. */
      port,
      /** Inclusive [first, last] when the entry covers a range (Kubernetes NodePorts), else null. */
      range: last > port ? ([port, last] satisfies [number, number]) : null,
      protocol: entry.protocol,
      name: entry.name,
      description: { en: entry.en, ko: entry.ko },
      note: entry.note_en && entry.note_ko ? { en: entry.note_en, ko: entry.note_ko } : null,
      /**
       * A port meant for the apps people run themselves (dev servers, alternative HTTP). Every other
       * entry belongs to a service: the bot never suggests starting an app there.
       */
      forApps: entry.for_apps,
    };
  });

/** A known service, as read from one entry. */
export type Service = zod.output<typeof serviceEntrySchema>;

/** The problems of one entry, each once, as the schema words them (unknown fields one by one). */
export function entryProblems(issues: readonly zod.core.$ZodIssue[]): string[] {
  const problems = issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `unknown field "${key}"`) : [issue.message]));
  return [...new Set(problems)];
}
