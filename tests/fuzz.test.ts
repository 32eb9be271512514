import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { askCommand } from '../src/commands/ask.ts';
import { boundQuestion, MAX_QUESTION_CHARS, MAX_WORD_CHARS, MAX_WORDS } from '../src/knowledge/bounds.ts';
import { search } from '../src/knowledge/search.ts';
import { answerMessage } from '../src/qa/channel-qa.ts';
import { consoleReply } from '../src/transports/console.ts';
import { sharedContext } from './helpers/bot.ts';

/**
 * Hostile and careless input: no question may cost more than 50 ms of CPU or leave the heap larger,
 * whatever it holds (issue 9: one 600-letter word ran the bot out of memory).
 */
const CPU_LIMIT_MS = 50;

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(9);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
const run = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const BASE64 = LETTERS + DIGITS + '+/';
const HEX = '0123456789abcdef';
/** Pieces that break naive text handling: astral, combining marks, zero-width, RTL, NUL, escapes, Hangul jamo. */
const STRANGE = [
  '😀', '𝔘', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', 'e\u0301\u0302\u0303', '\u200B', '\u200D', '\uFEFF', '\u202E', '\u2066',
  'مرحبا', 'שלום', '\u0000', '\u001b[2J', '\u001b]0;owned\u0007', '\r', '\t', '\u0085', '\u2028', '\uD800', '\uDFFF',
  '포트', 'ㅍㅌ', '\u1100\u1161', '뷁', '0.0.0.0', '127.0.0.1', 'ctrl+c', '<@100000000000000001>', '@everyone', '_', '::1',
];

function unicodeSoup(length: number): string {
  let out = '';
  while (out.length < length) out += rnd() < 0.5 ? pick(STRANGE) : String.fromCodePoint(int(0x10ffff + 1 - 0x800) + (rnd() < 0.5 ? 0 : 0x800));
  return out;
}

function wordySoup(length: number): string {
  let out = '';
  while (out.length < length) out += `${pick([run(LETTERS, 1 + int(12)), run(DIGITS, 1 + int(6)), pick(STRANGE), '포트충돌', 'address', 'already', 'in', 'use', 'flask'])}${pick([' ', ' ', '\n', '', '.'])}`;
  return out.slice(0, length);
}

/** The kinds of hostile question, each with a generator. */
const KINDS: Record<string, () => string> = {
  'random text up to 4,000 chars': () => wordySoup(1 + int(4000)),
  'long unbroken letters': () => `why ${run(LETTERS, 200 + int(3800))}`,
  'long unbroken digits': () => run(DIGITS, 200 + int(3800)),
  'base64 blob': () => `token ${run(BASE64, 200 + int(3800))}==`,
  'hex hash': () => `sha ${run(HEX, 64 + int(3800))}`,
  'long unbroken Hangul': () => `포트${run('포트충돌가나다라마바사', 200 + int(3800))}`,
  'random Unicode': () => unicodeSoup(1 + int(4000)),
  'many short words': () => Array.from({ length: 2000 }, () => run(LETTERS, 2 + int(8))).join(' '),
};

const ONE_MB_LINES = [`why ${run(LETTERS + DIGITS, 1 << 20)}`, wordySoup(1 << 20), unicodeSoup(1 << 20)];

/** Explicit garbage collection, enabled at run time so the test needs no special node flags. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * CPU time of `work`, the smaller of two runs: the search is deterministic, so the second run
 * costs the same unless a garbage collection or another thread of the process landed in the first.
 */
function cpuMs(work: () => unknown): number {
  const once = () => {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  return Math.min(once(), once());
}

describe('the search is bounded, whatever the question', () => {
  const ctx = sharedContext();

  it('reads only a bounded part of a question, and passes ordinary ones unchanged', () => {
    expect(boundQuestion('포트 충돌 났어요 address already in use')).toBe('포트 충돌 났어요 address already in use');
    const blob = run(LETTERS, 5000);
    const bounded = boundQuestion(`why ${blob}`);
    expect(bounded.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS + 3);
    for (const word of bounded.split(/\s+/)) expect(word.length).toBeLessThanOrEqual(MAX_WORD_CHARS);
    expect(boundQuestion(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ')).split(' ').length).toBeLessThanOrEqual(MAX_WORDS);
    // A long paste keeps its head and its tail: the error line of a traceback comes last.
    const traceback = `Traceback (most recent call last):\n${'  File "/srv/app/venv/lib/site-packages/werkzeug/serving.py", line 1, in run\n'.repeat(60)}OSError: [Errno 98] Address already in use`;
    expect(boundQuestion(traceback)).toMatch(/^Traceback/);
    expect(boundQuestion(traceback)).toMatch(/OSError: \[Errno 98\] Address already in use$/);
    // A cut never leaves half of a surrogate pair.
    expect(boundQuestion('😀'.repeat(3000))).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('ranks a pasted traceback by its error line, however long the paste (whether to answer is the search ranking)', () => {
    const traceback = `Traceback (most recent call last):\n${'  File "/srv/app/venv/lib/python3.12/site-packages/flask/app.py", line 625, in run\n    run_simple(t.cast(str, host), port, self, **options)\n'.repeat(40)}OSError: [Errno 98] Address already in use`;
    expect(traceback.length).toBeGreaterThan(MAX_QUESTION_CHARS * 2);
    expect(search(ctx.index, traceback).candidates[0]?.topic.id).toBe('port-conflict');
  });

  it(`costs under ${CPU_LIMIT_MS} ms of CPU per question and leaves the heap as it found it`, async () => {
    const gc = collector();
    const questions = Object.entries(KINDS).flatMap(([kind, make]) => Array.from({ length: 12 }, () => ({ kind, text: make() })));
    questions.push(...ONE_MB_LINES.map((text) => ({ kind: '1 MB line', text })));
    // Warm-up: the first calls compile the code paths; what is measured is the steady cost.
    for (const { text } of questions.slice(0, 20)) search(ctx.index, text);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const worst = new Map<string, number>();
    for (const { kind, text } of questions) {
      const spent = Math.max(
        cpuMs(() => search(ctx.index, text)),
        cpuMs(() => answerMessage(text, ctx, { mentioned: true })),
        cpuMs(() => askCommand.execute({ options: { question: text }, lang: 'en', userId: 'fuzz' }, ctx)),
      );
      worst.set(kind, Math.max(worst.get(kind) ?? 0, spent));
    }
    for (const { text } of [...questions.slice(0, 30), ...questions.filter((q) => q.kind === '1 MB line')]) {
      const once = async () => {
        const start = process.cpuUsage();
        await consoleReply(text, ctx);
        const used = process.cpuUsage(start);
        return (used.user + used.system) / 1000;
      };
      const spent = Math.min(await once(), await once());
      worst.set('console line', Math.max(worst.get('console line') ?? 0, spent));
    }
    gc();
    const heapGrowthMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const report = Object.fromEntries([...worst].map(([kind, ms]) => [kind, Math.round(ms * 10) / 10]));
    for (const [kind, ms] of worst) expect(ms, `${kind}: ${JSON.stringify(report)}`).toBeLessThan(CPU_LIMIT_MS);
    // The questions were all made before the first measure: any growth is what answering them kept.
    expect(heapGrowthMB, JSON.stringify(report)).toBeLessThan(4);
  });
});
