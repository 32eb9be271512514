import type { Lang } from '../knowledge/topic.ts';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

export type PortInputProblem = 'empty' | 'not-a-number' | 'out-of-range';

export type ParsedPort = { ok: true; port: number } | { ok: false; problem: PortInputProblem; input: string };

/**
 * Outside input to a port number: digits only, 1-65535, nothing else (no sign, hex, decimals,
 * exponent or trailing text). The only gate between user text and the lookup.
 */
export function parsePort(input: unknown): ParsedPort {
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= MIN_PORT && input <= MAX_PORT
      ? { ok: true, port: input }
      : { ok: false, problem: Number.isInteger(input) ? 'out-of-range' : 'not-a-number', input: String(input) };
  }
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, problem: 'empty', input: '' };
  if (!/^\d{1,6}$/.test(text)) return { ok: false, problem: 'not-a-number', input: text };
  const port = Number(text);
  return port >= MIN_PORT && port <= MAX_PORT ? { ok: true, port } : { ok: false, problem: 'out-of-range', input: text };
}

/** A short, safe rendering of what the user typed (no line breaks, code ticks or mentions, 24 chars at most). */
function shown(input: string): string {
  const clean = input.replace(/[\r\n\t`@<>*_~|\\]/g, ' ').trim();
  return clean.length > 24 ? `${clean.slice(0, 23)}…` : clean;
}

export function portInputError(problem: PortInputProblem, input: string, lang: Lang = 'en'): string {
  const what = shown(input);
  if (lang === 'ko') {
    if (problem === 'empty') return '포트 번호가 없습니다. 1~65535 사이의 정수를 주세요.';
    if (problem === 'out-of-range') return `${what}은(는) 범위를 벗어났습니다. 포트는 1~65535입니다.`;
    return `"${what}"은(는) 포트 번호가 아닙니다. 1~65535 사이의 정수만 쓸 수 있습니다.`;
  }
  if (problem === 'empty') return 'No port given: use a whole number from 1 to 65535.';
  if (problem === 'out-of-range') return `${what} is out of range: ports go from 1 to 65535.`;
  return `"${what}" is not a port number: use a whole number from 1 to 65535.`;
}
