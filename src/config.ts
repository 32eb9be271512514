import { isIP } from 'node:net';
import type * as zod from 'zod';
import { parsePort } from './ports/parse-port.ts';
import { z } from './zod.ts';

export type LogFormat = 'text' | 'json';
const LOG_FORMATS = ['text', 'json'] as const satisfies readonly LogFormat[];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const satisfies readonly LogLevel[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

/** A variable as text: surrounding blanks removed, empty and unset both null. */
const text = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null);

/** Where a problem names the variable: zod's input as short printable text, for `got "…"`. */
const shown = (input: unknown, max: number) => String(input ?? '').slice(0, max);

const snowflake = (name: string) => text.refine((value) => value === null || SNOWFLAKE.test(value), { error: (issue) => `${name} must be a Discord id (17-20 digits), got "${shown(issue.input, 30)}"` });

const flag = (name: string, fallback: boolean) =>
  text.transform((value, ctx) => {
    const word = value?.toLowerCase();
    if (word === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(word)) return true;
    if (['0', 'false', 'no', 'off'].includes(word)) return false;
    ctx.issues.push({ code: 'custom', input: value, message: `${name} must be true or false` });
    return fallback;
  });

const count = (name: string, fallback: number) =>
  text.transform((value, ctx) => {
    if (value === null) return fallback;
    if (!/^\d{1,4}$/.test(value) || Number(value) < 1) ctx.issues.push({ code: 'custom', input: value, message: `${name} must be a whole number from 1 to 9999` });
    return Number(value) || fallback;
  });

const minutes = (name: string, fallback: number) =>
  text.transform((value, ctx) => {
    if (value === null) return fallback;
    if (/^\d{1,4}$/.test(value) && Number(value) <= 1440) return Number(value);
    ctx.issues.push({ code: 'custom', input: value, message: `${name} must be a whole number of minutes from 0 (off) to 1440` });
    return fallback;
  });

/** One of `choices`, case-insensitive, `fallback` when unset. */
const oneOf = <T extends string>(name: string, choices: readonly [T, ...T[]], fallback: T) =>
  text.transform((value) => (value ?? fallback).toLowerCase()).pipe(z.enum(choices, { error: `${name} must be one of ${choices.join(', ')}` }));

/**
 * The environment the bot reads, one entry a variable: each is validated and turned into its
 * configuration value here, and every problem names its variable. Problems are reported together.
 */
const environmentSchema = z.object({
  // Never echo the token itself: a malformed one is described, not shown.
  DISCORD_TOKEN: text.refine((value) => value === null || /^[\w.-]{20,}$/.test(value), { error: 'DISCORD_TOKEN does not look like a bot token (letters, digits, "." "-" "_")' }),
  DISCORD_CLIENT_ID: snowflake('DISCORD_CLIENT_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID'),
  DISCORD_API_URL: text
    .transform((value) => value ?? 'https://discord.com/api')
    .refine(isHttpUrl, { error: (issue) => `DISCORD_API_URL must be an http(s) URL, got "${shown(issue.input, 60)}"` })
    .transform((url) => url.replace(/\/+$/, '')),
  QA_CHANNELS: text.transform((value, ctx) => {
    const ids = new Set<string>();
    for (const id of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (SNOWFLAKE.test(id)) ids.add(id);
      else ctx.issues.push({ code: 'custom', input: id, message: `QA_CHANNELS must be comma-separated channel ids, "${id.slice(0, 30)}" is not one` });
    }
    return ids;
  }),
  LOG_LEVEL: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  PORT_LOOKUP_SHOW_PROCESS: flag('PORT_LOOKUP_SHOW_PROCESS', true),
  QA_RATE_PER_USER: count('QA_RATE_PER_USER', 3),
  QA_RATE_PER_CHANNEL: count('QA_RATE_PER_CHANNEL', 10),
  HEALTH_PORT: text.transform((value, ctx) => {
    if (value === null) return null;
    const parsed = parsePort(value);
    if (parsed.ok) return parsed.port;
    ctx.issues.push({ code: 'custom', input: value, message: `HEALTH_PORT must be a port number from 1 to 65535, got "${parsed.input.slice(0, 30)}"` });
    return null;
  }),
  // An address literal, not a name to resolve: what the server binds is then plain from the config.
  HEALTH_HOST: text
    .transform((value) => value ?? '127.0.0.1')
    .refine((host) => host === 'localhost' || isIP(host) !== 0, { error: (issue) => `HEALTH_HOST must be an IP address or "localhost", got "${shown(issue.input, 60)}"` }),
  LOG_FORMAT: oneOf('LOG_FORMAT', LOG_FORMATS, 'text'),
  QA_THREADS: flag('QA_THREADS', false),
  QA_REPEAT_MINUTES: minutes('QA_REPEAT_MINUTES', 10),
  DATA_DIR: text.transform((value) => value ?? './data'),
  STATS: flag('STATS', true),
  STATS_RETENTION_DAYS: count('STATS_RETENTION_DAYS', 30),
  // Described, never shown: it is a secret.
  STATS_SECRET: text.refine((value) => value === null || value.length >= 16, { error: 'STATS_SECRET must be at least 16 characters' }),
  KNOWLEDGE_DIRS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
});

/** The validated environment as the bot's configuration. */
const configSchema = environmentSchema.transform((env) => ({
  discordToken: env.DISCORD_TOKEN,
  discordClientId: env.DISCORD_CLIENT_ID,
  discordGuildId: env.DISCORD_GUILD_ID,
  /** REST base, e.g. https://discord.com/api (or a local fake Discord in tests). */
  discordApiUrl: env.DISCORD_API_URL,
  qaChannels: env.QA_CHANNELS,
  logLevel: env.LOG_LEVEL,
  showProcessNames: env.PORT_LOOKUP_SHOW_PROCESS,
  /** Channel Q&A: answers per user and per channel within one minute. */
  rateLimitPerUser: env.QA_RATE_PER_USER,
  rateLimitPerChannel: env.QA_RATE_PER_CHANNEL,
  /** Port for /healthz and /metrics; null: no server is started. */
  healthPort: env.HEALTH_PORT,
  /** Address the health server binds: loopback unless set. */
  healthHost: env.HEALTH_HOST,
  logFormat: env.LOG_FORMAT,
  /** QA_THREADS: an answer in a Q&A channel opens a thread on the question; follow-ups there are answered. */
  qaThreads: env.QA_THREADS,
  /** QA_REPEAT_MINUTES: the same topic again in a channel within this many minutes gets a link, not a copy (0: off). */
  repeatMinutes: env.QA_REPEAT_MINUTES,
  /** Folder for the bot's own files (the SQLite record, its key). */
  dataDir: env.DATA_DIR,
  /** STATS=off: nothing about questions is recorded. */
  stats: env.STATS,
  statsRetentionDays: env.STATS_RETENTION_DAYS,
  /** Key for hashing user ids; null: a random key kept in dataDir. */
  statsSecret: env.STATS_SECRET,
  /** A team's own topic folders, loaded after the built-in knowledge. */
  knowledgeDirs: env.KNOWLEDGE_DIRS,
}));

/** Configuration from the environment, validated once at start (src/config.ts's schema). */
export type Config = zod.output<typeof configSchema>;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Reads and validates the environment; every problem, each naming its variable, in one ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => issue.message));
  return result.data;
}

/** KNOWLEDGE_DIRS: a team's topic folders, comma-separated (also read by the CLI and knowledge:check). */
export function knowledgeDirsFrom(env: NodeJS.ProcessEnv = process.env): string[] {
  return environmentSchema.shape.KNOWLEDGE_DIRS.parse(env.KNOWLEDGE_DIRS);
}
