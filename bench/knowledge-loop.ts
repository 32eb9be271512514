/**
 * Bench rows for the knowledge loop: what recording a question adds to an answer, and how long a
 * full knowledge reload takes (load + validate + index + autocomplete, then the swap).
 * Run alone (with the blind question set): npx tsx bench/knowledge-loop.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createContext } from '../src/app.ts';
import { askCommand } from '../src/commands/ask.ts';
import { KnowledgeHolder } from '../src/knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/knowledge/load.ts';
import { openStats } from '../src/stats/store.ts';

const RECORDS = 20_000;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const ms = (v: number) => `${v.toFixed(3)} ms`;
const row = (name: string, value: string) => console.log(`  ${name.padEnd(44)} ${value}`);

export async function benchKnowledgeLoop(questions: string[]): Promise<void> {
  console.log('\nknowledge loop: recording questions (SQLite, WAL) and reloading knowledge');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stats-'));
  const stats = openStats({ dataDir, retentionDays: 30, pruneEveryMs: 0 });
  try {
    const qs = questions.length ? questions : ['what is 0.0.0.0'];
    const recordTimes: number[] = [];
    for (let i = 0; i < RECORDS; i++) {
      const start = performance.now();
      stats.record({ guildId: '500000000000000001', channelId: '400000000000000001', userId: `30000000000000${String(i % 500).padStart(4, '0')}`, lang: 'en', outcome: i % 5 ? 'answered' : 'silent', topic: 'ports', question: qs[i % qs.length]! });
      recordTimes.push(performance.now() - start);
    }
    row(`record one question p50 (${RECORDS} inserts)`, ms(quantile(recordTimes, 0.5)));
    row('record one question p99', ms(quantile(recordTimes, 0.99)));

    // The same /ask handler with and without a record, interleaved so both see the same machine.
    const plain = createContext();
    const recording = { ...plain, stats };
    const withRecord: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const request = { options: { question: qs[i % qs.length]! }, lang: 'en' as const, userId: '300000000000000001', guildId: '500000000000000001', channelId: '400000000000000001' };
      let start = performance.now();
      askCommand.execute(request, plain);
      without.push(performance.now() - start);
      start = performance.now();
      askCommand.execute(request, recording);
      withRecord.push(performance.now() - start);
    }
    row('/ask handler p99 without / with the record', `${ms(quantile(without, 0.99))} / ${ms(quantile(withRecord, 0.99))}`);
    const summaryTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      stats.summary({ days: 7 });
      summaryTimes.push(performance.now() - start);
    }
    row(`/stats summary over ${RECORDS + 4000} rows (median)`, ms(quantile(summaryTimes, 0.5)));
  } finally {
    stats.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // Two kinds of edit: a topic's text (the examples unchanged, so what was learnt from them is
  // reused) and a phrasing file (the examples learnt again), interleaved on a copy of the knowledge.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-knowledge-'));
  fs.cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  try {
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const topicFile = path.join(dir, 'localhost.md');
    const phrasingFile = path.join(dir, 'phrasing/ports.yaml');
    const times = { topic: [] as number[], phrasing: [] as number[] };
    // The event loop's worst delay during each reload: what every interaction and heartbeat waits at most meanwhile.
    const stalls = { topic: [] as number[], phrasing: [] as number[] };
    for (let i = 0; i < 20; i++) {
      for (const edit of i % 2 ? (['topic', 'phrasing'] as const) : (['phrasing', 'topic'] as const)) {
        if (edit === 'topic') fs.appendFileSync(topicFile, `\n`);
        else fs.writeFileSync(phrasingFile, fs.readFileSync(phrasingFile, 'utf8').replace(/^en:\n/m, `en:\n  - "bench edit ${i}: which number goes after the colon"\n`));
        const monitor = monitorEventLoopDelay({ resolution: 1 });
        monitor.enable();
        const result = await holder.reload();
        monitor.disable();
        if (!result.ok) throw new Error(result.problems.join('\n'));
        times[edit].push(result.ms);
        stalls[edit].push(monitor.max / 1e6);
      }
    }
    const topics = holder.current.kb.topics.length;
    row(`knowledge reload after a topic edit, ${topics} topics (median / p90 of 20)`, `${ms(quantile(times.topic, 0.5))} / ${ms(quantile(times.topic, 0.9))}`);
    row(`knowledge reload after a phrasing edit (median / p90 of 20)`, `${ms(quantile(times.phrasing, 0.5))} / ${ms(quantile(times.phrasing, 0.9))}`);
    row(`event loop's worst delay during a reload, topic / phrasing edit (median; max of 20)`, `${ms(quantile(stalls.topic, 0.5))} / ${ms(quantile(stalls.phrasing, 0.5))}; ${ms(Math.max(...stalls.topic))} / ${ms(Math.max(...stalls.phrasing))}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchKnowledgeLoop(fs.readFileSync(new URL("../tests/fixtures/questions.blind.jsonl", import.meta.url), "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { q: string }).q));
