import { isIP } from 'node:net';
import { parsePort } from './ports/parse-port.ts';

/** Configuration from the environment, validated once at start; problems are reported all together. */
export interface Config {
  discordToken: string | null;
  discordClientId: string | null;
  discordGuildId: string | null;
  /** REST base, e.g. https://discord.com/api (or a local fake Discord in tests). */
  discordApiUrl: string;
  qaChannels: Set<string>;
  logLevel: LogLevel;
  showProcessNames: boolean;
  /** Channel Q&A: answers per user and per channel within one minute. */
  rateLimitPerUser: number;
  rateLimitPerChannel: number;
  /** Port for /healthz and /metrics; null: no server is started. */
  healthPort: number | null;
  /** Address the health server binds: loopback unless set. */
  healthHost: string;
  logFormat: LogFormat;
  /** QA_THREADS: an answer in a Q&A channel opens a thread on the question; follow-ups there are answered. */
  qaThreads: boolean;
  /** QA_REPEAT_MINUTES: the same topic again in a channel within this many minutes gets a link, not a copy (0: off). */
  repeatMinutes: number;
  /** Folder for the bot's own files (the SQLite record, its key). */
  dataDir: string;
  /** STATS=off: nothing about questions is recorded. */
  stats: boolean;
  statsRetentionDays: number;
  /** Key for hashing user ids; null: a random key kept in dataDir. */
  statsSecret: string | null;
  /** A team's own topic folders, loaded after the built-in knowledge. */
  knowledgeDirs: string[];
}

export type LogFormat = 'text' | 'json';
const LOG_FORMATS: LogFormat[] = ['text', 'json'];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const snowflake = (name: string) => {
    const value = text(name);
    if (value && !SNOWFLAKE.test(value)) problems.push(`${name} must be a Discord id (17-20 digits), got "${value.slice(0, 30)}"`);
    return value;
  };
  const token = text('DISCORD_TOKEN');
  // Never echo the token itself: a malformed one is described, not shown.
  if (token && !/^[\w.-]{20,}$/.test(token)) problems.push('DISCORD_TOKEN does not look like a bot token (letters, digits, "." "-" "_")');

  const apiUrl = text('DISCORD_API_URL') ?? 'https://discord.com/api';
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
  } catch {
    problems.push(`DISCORD_API_URL must be an http(s) URL, got "${apiUrl.slice(0, 60)}"`);
  }

  const qaChannels = new Set<string>();
  for (const id of (text('QA_CHANNELS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (SNOWFLAKE.test(id)) qaChannels.add(id);
    else problems.push(`QA_CHANNELS must be comma-separated channel ids, "${id.slice(0, 30)}" is not one`);
  }

  const level = (text('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const flag = (name: string, fallback: boolean) => {
    const value = text(name)?.toLowerCase();
    if (value === undefined || value === null) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    problems.push(`${name} must be true or false`);
    return fallback;
  };
  const count = (name: string, fallback: number) => {
    const value = text(name);
    if (value === null) return fallback;
    if (!/^\d{1,4}$/.test(value) || Number(value) < 1) problems.push(`${name} must be a whole number from 1 to 9999`);
    return Number(value) || fallback;
  };

  const healthPortText = text('HEALTH_PORT');
  const parsedHealthPort = healthPortText === null ? null : parsePort(healthPortText);
  if (parsedHealthPort && !parsedHealthPort.ok) problems.push(`HEALTH_PORT must be a port number from 1 to 65535, got "${parsedHealthPort.input.slice(0, 30)}"`);
  // An address literal, not a name to resolve: what the server binds is then plain from the config.
  const healthHost = text('HEALTH_HOST') ?? '127.0.0.1';
  if (healthHost !== 'localhost' && isIP(healthHost) === 0) problems.push(`HEALTH_HOST must be an IP address or "localhost", got "${healthHost.slice(0, 60)}"`);

  const logFormat = (text('LOG_FORMAT') ?? 'text').toLowerCase() as LogFormat;
  if (!LOG_FORMATS.includes(logFormat)) problems.push(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}`);
  const minutes = (name: string, fallback: number) => {
    const value = text(name);
    if (value === null) return fallback;
    if (!/^\d{1,4}$/.test(value) || Number(value) > 1440) {
      problems.push(`${name} must be a whole number of minutes from 0 (off) to 1440`);
      return fallback;
    }
    return Number(value);
  };
  const statsSecret = text('STATS_SECRET');
  // Described, never shown: it is a secret.
  if (statsSecret && statsSecret.length < 16) problems.push('STATS_SECRET must be at least 16 characters');

  const config: Config = {
    discordToken: token,
    discordClientId: snowflake('DISCORD_CLIENT_ID'),
    discordGuildId: snowflake('DISCORD_GUILD_ID'),
    discordApiUrl: apiUrl.replace(/\/+$/, ''),
    qaChannels,
    logLevel: LOG_LEVELS.includes(level) ? level : 'info',
    showProcessNames: flag('PORT_LOOKUP_SHOW_PROCESS', true),
    rateLimitPerUser: count('QA_RATE_PER_USER', 3),
    rateLimitPerChannel: count('QA_RATE_PER_CHANNEL', 10),
    healthPort: parsedHealthPort?.ok ? parsedHealthPort.port : null,
    healthHost,
    logFormat: LOG_FORMATS.includes(logFormat) ? logFormat : 'text',
    qaThreads: flag('QA_THREADS', false),
    repeatMinutes: minutes('QA_REPEAT_MINUTES', 10),
    dataDir: text('DATA_DIR') ?? './data',
    stats: flag('STATS', true),
    statsRetentionDays: count('STATS_RETENTION_DAYS', 30),
    statsSecret,
    knowledgeDirs: knowledgeDirsFrom(env),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** KNOWLEDGE_DIRS: a team's topic folders, comma-separated (also read by the CLI and knowledge:check). */
export function knowledgeDirsFrom(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.KNOWLEDGE_DIRS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
