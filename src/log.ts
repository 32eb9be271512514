import { pino } from 'pino';
import type { LogFormat, LogLevel } from './config.ts';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, error?: unknown): void;
  info(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

/**
 * Logs to stderr (stdout belongs to answers), with every secret replaced by [redacted] —
 * including inside error messages and stacks, where a token can hide in a URL or header.
 * `text` (the default) writes one readable line per entry; `json` writes one JSON object per line
 * (pino: level, time, msg, err) for log collectors.
 */
export function createLogger(
  level: LogLevel,
  secrets: Array<string | null | undefined> = [],
  write: (line: string) => unknown = (line) => process.stderr.write(line + '\n'),
  format: LogFormat = 'text',
): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const redact = (text: string) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  return format === 'json' ? jsonLogger(level, hidden, redact, write) : textLogger(level, redact, write);
}

function textLogger(level: LogLevel, redact: (text: string) => string, write: (line: string) => unknown): Logger {
  const log = (at: LogLevel) => (message: string, error?: unknown) => {
    if (ORDER[at] < ORDER[level]) return;
    const detail = error === undefined ? '' : ` :: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${detail}`));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function jsonLogger(level: LogLevel, hidden: string[], redact: (text: string) => string, write: (line: string) => unknown): Logger {
  // Redaction runs on the finished line, so no field can carry a secret past it. A secret with
  // characters JSON escapes ("quotes", backslashes) appears escaped there: hide that form too.
  const escaped = hidden.map((secret) => JSON.stringify(secret).slice(1, -1)).filter((form) => !hidden.includes(form));
  const redactLine = (line: string) => escaped.reduce((out, form) => out.split(form).join('[redacted]'), redact(line));
  const logger = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: describeError },
      hooks: { streamWrite: redactLine },
    },
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  );
  const log = (at: Exclude<LogLevel, 'silent'>) => (message: string, error?: unknown) => {
    if (error === undefined) logger[at](message);
    else logger[at]({ err: error }, message);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * What the text format shows of an error, as fields: type, message, stack (causes included) and a
 * short code. Other properties are left out on purpose: REST errors carry request bodies and URLs
 * with interaction tokens, which the text format never printed either.
 */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { type, message, stack } = pino.stdSerializers.err(error);
  const code = (error as { code?: unknown }).code;
  return { type, message, stack, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}) };
}
