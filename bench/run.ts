/**
 * npm run bench: speed and memory, measured (never asserted in tests, which flake on shared machines).
 * 1. knowledge: index build time and per-query p50/p99 over the labelled questions;
 * 2. /port: one in-process lookup vs spawning `ss -ltnup` once, interleaved, as a ratio from the same run;
 * 3. the bot as its own process against the fake gateway: cold start, login → ready, dispatch→reply
 *    latency, interactions per second, and the bot process's RSS after 10,000 interactions (questions,
 *    topics, autocomplete, and every eighth a /port lookup).
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { buildIndex } from '../src/knowledge/search-index.ts';
import { search } from '../src/knowledge/search.ts';
import { createLogger } from '../src/log.ts';
import { readHostFacts } from '../src/ports/host.ts';
import { lookupPort } from '../src/ports/lookup.ts';
import { loadServices } from '../src/ports/services.ts';
import { startGateway } from '../src/transports/discord/gateway.ts';
import { autocomplete, chatInput } from '../tests/fake-discord/payloads.ts';
import { benchKnowledgeLoop } from './knowledge-loop.ts';
import { FakeDiscord } from '../tests/fake-discord/server.ts';

const run = promisify(execFile);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 10_000);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const ms = (v: number) => `${v.toFixed(3)} ms`;
const row = (name: string, value: string) => console.log(`  ${name.padEnd(44)} ${value}`);

async function timeOnce<T>(fn: () => T | Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function timeEach<T>(times: number, fn: () => T | Promise<T>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await timeOnce(fn));
  return out;
}

function questions(): string[] {
  const files = ['../../shared/eval/questions.jsonl', '../../shared/eval/natural.jsonl', ...['dev', 'holdout', 'fresh', 'final', 'blind'].map((set) => `../tests/fixtures/questions.${set}.jsonl`)];
  return files.flatMap((f) => {
    const url = new URL(f, import.meta.url);
    return fs.existsSync(url) ? fs.readFileSync(url, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { q: string }).q) : [];
  });
}

async function benchKnowledge(): Promise<void> {
  console.log('\nknowledge search');
  const load = await timeEach(20, () => loadKnowledge());
  const kb = loadKnowledge();
  const build = await timeEach(20, () => buildIndex(kb));
  const index = buildIndex(kb);
  const qs = questions();
  for (const q of qs) search(index, q); // warm up
  const perQuery: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of qs) {
      const start = performance.now();
      search(index, q);
      perQuery.push(performance.now() - start);
    }
  }
  row('load + validate knowledge files (median)', ms(quantile(load, 0.5)));
  row(`index build, ${kb.topics.length} topics (median of 20)`, ms(quantile(build, 0.5)));
  row(`query p50 (${qs.length} questions × 20)`, ms(quantile(perQuery, 0.5)));
  row('query p99', ms(quantile(perQuery, 0.99)));
  row('query max (no question may take > 50 ms)', ms(Math.max(...perQuery)));
}

async function benchPortLookup(): Promise<void> {
  console.log('\n/port lookup vs `ss -ltnup`');
  const options = { host: readHostFacts(), services: loadServices(), showProcess: true };
  await lookupPort(8080, options);
  let ss: number[] | null = [];
  try {
    await run('ss', ['-ltnup']);
  } catch {
    ss = null;
    row('ss', 'not available on this machine');
  }
  // Interleaved, so both see the same machine: the TCP tables' cost moves with what else runs.
  const lookup: number[] = [];
  for (let i = 0; i < 30; i++) {
    lookup.push(await timeOnce(() => lookupPort(8080, { ...options, suggestionCount: 0 })));
    if (ss) ss.push(await timeOnce(() => run('ss', ['-ltnup'])));
  }
  const withSuggestions = await timeEach(30, () => lookupPort(8080, options));
  row('one lookup in-process (median of 30)', ms(quantile(lookup, 0.5)));
  row('one lookup + 3 probed free ports (median)', ms(quantile(withSuggestions, 0.5)));
  if (ss) {
    row('spawning `ss -ltnup` once (median of 30)', ms(quantile(ss, 0.5)));
    row('ratio ss / lookup (higher: lookup faster)', `${(quantile(ss, 0.5) / quantile(lookup, 0.5)).toFixed(1)}×`);
    row('ratio ss / lookup with suggestions', `${(quantile(ss, 0.5) / quantile(withSuggestions, 0.5)).toFixed(1)}×`);
  }
}

/** VmRSS of a process, from /proc (Linux); null elsewhere. */
function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** In-process: from client.login() to the Client's ready event (READY and the guild received). */
async function benchReady(): Promise<void> {
  const discord = await new FakeDiscord().start();
  const ctx = createContext();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const config = loadConfig({ DISCORD_TOKEN: 'bench.token.for-the-fake-discord-only', DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent' });
    const start = performance.now();
    const bot = await startGateway(config, ctx, createLogger('silent'));
    times.push(performance.now() - start);
    await bot.stop();
  }
  await discord.stop();
  row('login → ready, in-process (median of 5)', ms(quantile(times, 0.5)));
}

async function benchBot(): Promise<void> {
  console.log('\nthe bot as its own process (src/main.ts, real discord.js Client) against the fake gateway on loopback');
  const discord = await new FakeDiscord().start();
  const ctx = createContext();
  const startAt = performance.now();
  // Exactly the command line of `npm start` (node flags included), as its own process.
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const [, ...args] = pkg.scripts.start.split(/\s+/);
  const child = spawn(process.execPath, args, {
    cwd: new URL('..', import.meta.url).pathname,
    // Recording on, as in production, into a scratch folder.
    env: { ...process.env, DATA_DIR: fs.mkdtempSync(`${os.tmpdir()}/bench-data-`), DISCORD_TOKEN: 'bench.token.for-the-fake-discord-only', DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'warn', QA_CHANNELS: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    // Cold start: process start, knowledge index, login, READY — until the first command is answered.
    for (;;) {
      const probe = chatInput('help');
      const seen = discord.waitForRequest((r) => r.path.startsWith(`/interactions/${probe.id}/`), 200, Date.now()).then(() => true, () => false);
      discord.dispatch('INTERACTION_CREATE', probe);
      if (await seen) break;
      if (performance.now() - startAt > 60_000) throw new Error('the bot did not answer within 60 s');
    }
    const ready = performance.now() - startAt;
    const topics = ctx.kb.topics.map((t) => t.id);
    const qs = questions();
    // Mostly questions and topics, as a team uses it; every eighth a /port lookup on the bot's host.
    const make = (i: number) =>
      i % 8 === 7
        ? chatInput('port', [{ name: 'number', type: 4, value: 8000 + (i % 100) }])
        : i % 4 === 0
        ? chatInput('ask', [{ name: 'question', type: 3, value: qs[i % qs.length]! }])
        : i % 4 === 1
          ? autocomplete('explain', [{ name: 'topic', type: 3, value: qs[i % qs.length]!.slice(0, 6), focused: true }])
          : chatInput('explain', [{ name: 'topic', type: 3, value: topics[i % topics.length]! }], { locale: i % 2 ? 'ko' : 'en-US' });
    const answered = (id: string) => discord.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`), 30_000, Date.now());

    // Latency: one at a time, from dispatch to the reply's REST call arriving at the fake.
    const latencies: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const payload = make(i);
      const start = performance.now();
      const seen = answered(payload.id);
      discord.dispatch('INTERACTION_CREATE', payload);
      await seen;
      latencies.push(performance.now() - start);
    }
    // Throughput: INTERACTIONS more, 100 in flight at a time.
    const begin = performance.now();
    for (let i = 0; i < INTERACTIONS; i += 100) {
      const batch = Array.from({ length: Math.min(100, INTERACTIONS - i) }, (_, k) => make(i + k));
      const replies = batch.map((p) => answered(p.id));
      for (const p of batch) discord.dispatch('INTERACTION_CREATE', p);
      await Promise.all(replies);
      discord.requests.length = 0; // the fake's own log is not the bot's memory
    }
    const seconds = (performance.now() - begin) / 1000;
    row('process start → first answer (cold start)', ms(ready));
    await benchReady();
    row('dispatch → reply p50 (1000 sequential)', ms(quantile(latencies, 0.5)));
    row('dispatch → reply p99', ms(quantile(latencies, 0.99)));
    row(`interactions answered per second (${INTERACTIONS})`, `${Math.round(INTERACTIONS / seconds)}/s`);
    const rss = rssOf(child.pid!);
    row(`bot RSS after ${INTERACTIONS + 1000} interactions`, rss === null ? 'not measurable here (no /proc)' : `${rss.toFixed(1)} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await discord.stop();
  }
}

console.log(`devops-bot bench — node ${process.version}, ${new Date().toISOString()}`);
await benchKnowledge();
await benchKnowledgeLoop(questions());
await benchPortLookup();
await benchBot();
