import type { LogLevel } from './config.ts';

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
 */
export function createLogger(level: LogLevel, secrets: Array<string | null | undefined> = [], write: (line: string) => unknown = (line) => process.stderr.write(line + '\n')): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const redact = (text: string) => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  const log = (at: LogLevel) => (message: string, error?: unknown) => {
    if (ORDER[at] < ORDER[level]) return;
    const detail = error === undefined ? '' : ` :: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${detail}`));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
