/**
 * npm run bench [-- part …]: speed and memory, measured (never asserted in tests, which flake on
 * shared machines). Parts, all by default:
 *   knowledge     index build; query p50/p99 over the labelled questions
 *   autocomplete  /explain per keystroke, over every prefix of unseen questions
 *   port          /port lookup, lookup + 3 probed free ports, and spawning `ss -ltnup`, interleaved in random order
 *   busy          the same on a busy host (20k loopback connections): times and event-loop delay during lookups
 *   startup       process start → IDENTIFY, ours vs a bare discord.js bot, interleaved
 *   bot           ours vs a bare bot as processes on the same mix (interactions and channel messages):
 *                 dispatch → reply p50/p99; events per second with 50 in flight (and in batches of 50),
 *                 with the bot's CPU time per event; RSS
 *   growth        100k channel messages, each from a new author, in 100 channels: heap after GC every 20k
 *   loop          the knowledge loop: recording a question (SQLite), /ask with and without it, full reload
 * BENCH_CONNECTIONS (20000), BENCH_EVENTS (10000), BENCH_AUTHORS (100000) scale the runs;
 * BENCH_CPU_PROF=<dir> has both bots write a V8 CPU profile there (`bot`, `startup`).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { TopicAutocomplete } from '../src/knowledge/autocomplete.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { buildIndex } from '../src/knowledge/search-index.ts';
import { search } from '../src/knowledge/search.ts';
import { createLogger } from '../src/log.ts';
import { readHostFacts } from '../src/ports/host.ts';
import { lookupPort } from '../src/ports/lookup.ts';
import { loadServices } from '../src/ports/services.ts';
import { startGateway } from '../src/transports/discord/gateway.ts';
import { autocomplete, chatInput, QA_CHANNEL_ID, USER, userMessage } from '../tests/fake-discord/payloads.ts';
import { FakeDiscord } from '../tests/fake-discord/server.ts';
import { openBusyHost } from './busy-host.ts';
import { IN_FLIGHT, throughput, type ThroughputRun } from './throughput.ts';
import { benchKnowledgeLoop } from './knowledge-loop.ts';

const run = promisify(execFile);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const AUTHORS = Number(process.env.BENCH_AUTHORS ?? 100_000);
const TOKEN = 'bench.token.for-the-fake-discord-only';
const ROOT = new URL('..', import.meta.url).pathname;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const ms = (v: number) => `${v.toFixed(3)} ms`;
const row = (name: string, value: string) => console.log(`  ${name.padEnd(52)} ${value}`);

async function timeOnce<T>(fn: () => T | Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Runs every variant `rounds` times, each round in a new random order, so no variant always follows another. */
async function interleaved(rounds: number, variants: Record<string, () => Promise<unknown>>): Promise<Record<string, number[]>> {
  return interleavedMeasures(rounds, Object.fromEntries(Object.entries(variants).map(([name, run]) => [name, () => timeOnce(run)])));
}

/** Like `interleaved`, for variants that measure themselves (the part of a run that counts). */
async function interleavedMeasures(rounds: number, variants: Record<string, () => Promise<number>>): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of shuffle(Object.keys(variants))) times[name]!.push(await variants[name]!());
  }
  return times;
}

function questionSet(name: string): string[] {
  const url = name === 'shared' || name === 'natural' ? new URL(`../../shared/eval/${name === 'shared' ? 'questions' : 'natural'}.jsonl`, import.meta.url) : new URL(`../tests/fixtures/questions.${name}.jsonl`, import.meta.url);
  return fs.existsSync(url) ? fs.readFileSync(url, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { q: string }).q) : [];
}
const allQuestions = () => ['shared', 'natural', 'dev', 'holdout', 'fresh', 'final', 'blind', 'new-topics'].flatMap(questionSet);

async function benchKnowledge(): Promise<void> {
  console.log('\nknowledge search');
  const kb = loadKnowledge();
  // Each build gets examples it has not learnt from (one more line), as at start or after a phrasing
  // edit; the same examples again reuse what was learnt (a topic edit), which is timed apart.
  const build: number[] = [];
  const rebuild: number[] = [];
  for (let i = 0; i < 20; i++) {
    const changed = { ...kb, phrasing: [...(kb.phrasing ?? []), { text: `bench build ${i}: which number goes after the colon`, label: 'ports' }] };
    build.push(await timeOnce(() => buildIndex(changed)));
    rebuild.push(await timeOnce(() => buildIndex(changed)));
  }
  const index = buildIndex(kb);
  const qs = allQuestions();
  for (const q of qs) search(index, q); // warm up
  const perQuery: number[] = [];
  for (let round = 0; round < 20; round++) for (const q of qs) perQuery.push(await timeOnce(() => search(index, q)));
  row(`index build, ${kb.topics.length} topics (median of 20)`, ms(quantile(build, 0.5)));
  row('index build, the same examples again (median of 20)', ms(quantile(rebuild, 0.5)));
  row(`query p50 / p99 (${qs.length} questions × 20 = ${perQuery.length})`, `${ms(quantile(perQuery, 0.5))} / ${ms(quantile(perQuery, 0.99))}`);
  row('query max (no question may take > 50 ms)', ms(Math.max(...perQuery)));
}

async function benchAutocomplete(): Promise<void> {
  console.log('\n/explain autocomplete, per keystroke');
  const index = buildIndex(loadKnowledge());
  const prefixes = (qs: string[]) => qs.flatMap((q) => Array.from({ length: Math.min(q.length, 16) }, (_, n) => q.slice(0, n + 1)));
  // Warmed on one set, measured on others it has not seen (its small search cache starts cold for them).
  const ac = new TopicAutocomplete(index);
  for (const p of prefixes(questionSet('dev'))) ac.suggest(p, 'en');
  const keystrokes = prefixes([...questionSet('blind'), ...questionSet('fresh')]);
  const times: number[] = [];
  for (const p of keystrokes) times.push(await timeOnce(() => ac.suggest(p, 'ko')));
  row(`mean / p50 / p99 (${times.length} keystrokes)`, `${ms(mean(times))} / ${ms(quantile(times, 0.5))} / ${ms(quantile(times, 0.99))}`);
  const rank = ac.suggest('ㅍㅌ', 'ko').findIndex((c) => c.value === 'ports') + 1;
  row('`/explain ㅍㅌ`: rank of `ports`', String(rank));
}

function portOptions() {
  return { host: readHostFacts(), services: loadServices(), showProcess: true };
}

async function ssAvailable(): Promise<boolean> {
  try {
    await run('ss', ['-ltnup']);
    return true;
  } catch {
    row('ss', 'not available on this machine');
    return false;
  }
}

async function benchPort(): Promise<void> {
  console.log('\n/port on this host (idle) vs `ss -ltnup`, interleaved in random order');
  const options = portOptions();
  await lookupPort(8080, options);
  const variants: Record<string, () => Promise<unknown>> = {
    lookup: () => lookupPort(8080, { ...options, suggestionCount: 0 }),
    'lookup + 3 probed free ports': () => lookupPort(8080, options),
  };
  if (await ssAvailable()) variants['spawning `ss -ltnup`'] = () => run('ss', ['-ltnup'], { maxBuffer: 64 << 20 });
  const times = await interleaved(60, variants);
  for (const [name, t] of Object.entries(times)) row(`${name} (median of ${t.length})`, ms(quantile(t, 0.5)));
}

async function benchBusyHost(): Promise<void> {
  console.log(`\n/port on a busy host: ${CONNECTIONS} loopback TCP connections held by helper processes`);
  const busy = await openBusyHost(CONNECTIONS);
  try {
    const options = { ...portOptions(), suggestionCount: 0 };
    const held = busy.ports[0]!;
    await lookupPort(held, options);
    // The event loop's worst delay while each lookup runs (not while ss is spawned), with a fresh
    // monitor each time (a re-enabled one counts the pause before it as delay); and the same over an
    // idle wait of similar length: this machine's own noise.
    const worst: Record<string, number[]> = {};
    const during = (name: string, fn: () => Promise<unknown>) => async () => {
      const monitor = monitorEventLoopDelay({ resolution: 1 });
      monitor.enable();
      try {
        await fn();
      } finally {
        monitor.disable();
        if (monitor.count > 0) (worst[name] ??= []).push(monitor.max / 1e6);
      }
    };
    const variants: Record<string, () => Promise<unknown>> = {
      'lookup, a free port': during('lookup, a free port', () => lookupPort(8080, options)),
      'lookup, a held port (owner found)': during('lookup, a held port (owner found)', () => lookupPort(held, options)),
      'idle wait of 100 ms': during('idle wait of 100 ms', () => new Promise((resolve) => setTimeout(resolve, 100))),
    };
    if (await ssAvailable()) variants['spawning `ss -ltnup`'] = () => run('ss', ['-ltnup'], { maxBuffer: 64 << 20 });
    const times = await interleaved(15, variants);
    for (const [name, t] of Object.entries(times)) if (!name.startsWith('idle')) row(`${name} (median of ${t.length})`, ms(quantile(t, 0.5)));
    for (const [name, w] of Object.entries(worst)) row(`event-loop delay, ${name}: median / max`, `${ms(quantile(w, 0.5))} / ${ms(Math.max(...w))}`);
  } finally {
    await busy.close();
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

/** `npm start`'s node flags, and the script: ours, or the bare bot started the same way. */
function botCommand(which: 'ours' | 'bare'): string[] {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const [, ...started] = pkg.scripts.start.split(/\s+/);
  // BENCH_CPU_PROF=<dir>: both bots write a V8 CPU profile there when they exit.
  const args = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, ...started] : started;
  return which === 'ours' ? args : [...args.slice(0, -1), 'bench/bare-bot.ts'];
}

function spawnBot(which: 'ours' | 'bare', discord: FakeDiscord, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, botCommand(which), {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: fs.mkdtempSync(`${os.tmpdir()}/bench-data-`), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', QA_CHANNELS: QA_CHANNEL_ID, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function benchStartup(): Promise<void> {
  console.log('\nprocess start → IDENTIFY (npm start\'s node flags), ours vs a bare discord.js bot, interleaved; and ours to its first answer');
  const discord = await new FakeDiscord().start();
  try {
    const answered: number[] = [];
    // The time to IDENTIFY, and for ours then to its first answer (the cost a quick IDENTIFY may only
    // move later), asked from IDENTIFY on. Stopping the bot afterwards is part of neither.
    const once = async (which: 'ours' | 'bare'): Promise<number> => {
      const before = discord.identifies.length;
      const started = performance.now();
      const child = spawnBot(which, discord);
      try {
        while (discord.identifies.length === before) await new Promise((r) => setTimeout(r, 2));
        const identified = performance.now() - started;
        if (which === 'ours') {
          await firstAnswer(discord, child);
          answered.push(performance.now() - started);
        }
        return identified;
      } finally {
        await stopBot(child);
      }
    };
    await once('ours'); // compile caches warm for both
    await once('bare');
    answered.length = 0;
    const times = await interleavedMeasures(8, { ours: () => once('ours'), bare: () => once('bare') });
    const ours = quantile(times.ours!, 0.5);
    const bare = quantile(times.bare!, 0.5);
    row('ours / bare (median of 8)', `${ms(ours)} / ${ms(bare)} (${(ours / bare).toFixed(2)}×)`);
    row('ours, start → first answer to /ask (median of 8)', ms(quantile(answered, 0.5)));
    row('load average (1 min) at the end', os.loadavg()[0]!.toFixed(2));
  } finally {
    await discord.stop();
  }
}

/**
 * Asks one /ask at a time until one gets an answer, not the "starting up" notice. One at a time: a
 * pile of asks held while the bot loads would all be handled at once and delay the first reply.
 */
async function firstAnswer(discord: FakeDiscord, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before answering`);
    const ask = chatInput('ask', [{ name: 'question', type: 3, value: 'what is a port number?' }]);
    const reply = discord.waitForRequest((r) => r.path.startsWith(`/interactions/${ask.id}/`), 30_000);
    discord.dispatch('INTERACTION_CREATE', ask);
    if (!/starting up/.test(JSON.stringify((await reply).body))) return;
  }
}

const MIX_CHANNELS = benchChannels(50);

/** The mix: questions, topics, autocomplete, a /port every 8th, and questions as channel messages. */
function mixEvent(i: number, qs: string[], topics: string[], messages = true): { type: 'INTERACTION_CREATE' | 'MESSAGE_CREATE'; payload: { id: string } } {
  const q = qs[i % qs.length]!;
  switch (i % 8) {
    case 3:
    case 6:
      if (!messages) return { type: 'INTERACTION_CREATE', payload: chatInput('ask', [{ name: 'question', type: 3, value: q }]) };
      break;
    case 7:
      return { type: 'INTERACTION_CREATE', payload: chatInput('port', [{ name: 'number', type: 4, value: 8000 + (i % 100) }]) };
    case 0:
    case 4:
      return { type: 'INTERACTION_CREATE', payload: chatInput('ask', [{ name: 'question', type: 3, value: q }]) };
    case 1:
    case 5:
      return { type: 'INTERACTION_CREATE', payload: autocomplete('explain', [{ name: 'topic', type: 3, value: q.slice(0, 6), focused: true }]) };
    case 2:
      return { type: 'INTERACTION_CREATE', payload: chatInput('explain', [{ name: 'topic', type: 3, value: topics[i % topics.length]! }], { locale: i % 2 ? 'ko' : 'en-US' }) };
  }
  // A channel message mentioning the bot (an answer or "did you mean" to time), spread over 50 channels.
  return { type: 'MESSAGE_CREATE', payload: userMessage(q, { channelId: MIX_CHANNELS[i % MIX_CHANNELS.length]!, mentionsBot: true }) };
}

function answeredBy(discord: FakeDiscord, event: ReturnType<typeof mixEvent>, timeoutMs = 10_000) {
  const id = event.payload.id;
  const seen =
    event.type === 'INTERACTION_CREATE'
      ? discord.waitForRequest((r) => r.path.startsWith(`/interactions/${id}/`), timeoutMs)
      : discord.waitForRequest((r) => r.method === 'POST' && r.body?.message_reference?.message_id === id, timeoutMs);
  // Name the event that went unanswered, not the fake's whole request log.
  return seen.catch(() => {
    throw new Error(`no reply within ${timeoutMs} ms to ${event.type} ${JSON.stringify(event.payload).slice(0, 400)}`);
  });
}

async function waitUntilServing(discord: FakeDiscord, child: ChildProcess): Promise<void> {
  const startAt = performance.now();
  for (;;) {
    const probe = chatInput('help');
    const seen = discord.waitForRequest((r) => r.path.startsWith(`/interactions/${probe.id}/`), 200).then(() => true, () => false);
    discord.dispatch('INTERACTION_CREATE', probe);
    if (await seen) return;
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before answering`);
    if (performance.now() - startAt > 60_000) throw new Error('the bot did not answer within 60 s');
  }
}

async function benchBots(): Promise<void> {
  console.log(`\nours vs a bare discord.js bot, as processes, on the same mix (interactions + channel messages)`);
  const kb = loadKnowledge();
  const index = buildIndex(kb);
  // Questions that get a reply when the bot is mentioned (an answer or "did you mean"), so every event can be timed.
  const qs = allQuestions().filter((q) => search(index, q).outcome !== 'silent');
  const topics = kb.topics.map((t) => t.id);
  type Result = { p50: number; p99: number; samples: number; runs: Record<'window' | 'batches', ThroughputRun[]>; rss: number | null };
  const results: Record<string, Result> = {};
  // Two rounds each, in random order: a busy neighbour on the machine hits both alike.
  for (const which of shuffle(['ours', 'bare', 'ours', 'bare'] as const)) {
    const discord = await new FakeDiscord().start();
    const child = spawnBot(which, discord, { QA_RATE_PER_USER: '9999', QA_RATE_PER_CHANNEL: '9999' });
    try {
      await waitUntilServing(discord, child);
      createChannels(discord, MIX_CHANNELS.slice(1));
      const result = (results[which] ??= { p50: 0, p99: 0, samples: 0, runs: { window: [], batches: [] }, rss: null });
      if (!result.samples) {
        // Latency: one at a time, dispatch → the reply's REST call arriving at the fake.
        const latencies: number[] = [];
        for (let i = 0; i < 5000; i++) {
          const event = mixEvent(i, qs, topics);
          const start = performance.now();
          const seen = answeredBy(discord, event);
          discord.dispatch(event.type, event.payload);
          await seen;
          latencies.push(performance.now() - start);
          if (i % 500 === 499) discord.requests.length = 0;
        }
        Object.assign(result, { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), samples: latencies.length });
      }
      // Throughput: EVENTS more each way (bench/throughput.ts), in random order; channel messages
      // become /ask here, because discord.js holds channel replies to Discord's global 50 requests/s
      // (interaction callbacks are exempt), which caps any bot alike (both measured 190/s with them)
      // and would hide the bot's own cost.
      for (const how of shuffle(['window', 'batches'] as const)) {
        result.runs[how].push(await throughput(how, discord, child.pid!, EVENTS, (i) => mixEvent(i, qs, topics, false), answeredBy));
      }
      result.rss = rssOf(child.pid!);
    } finally {
      await stopBot(child);
      await discord.stop();
    }
  }
  const best = (runs: ThroughputRun[]) => Math.max(...runs.map((r) => r.perSecond));
  const cpu = (runs: ThroughputRun[]) => {
    const measured = runs.flatMap((r) => (r.cpuPerEvent ? [r.cpuPerEvent] : []));
    if (!measured.length) return 'not measurable here';
    return `${ms(Math.min(...measured.map((c) => c.all)))} / ${ms(Math.min(...measured.map((c) => c.main)))}`;
  };
  for (const [which, r] of Object.entries(results)) {
    row(`${which}: dispatch → reply p50 / p99 (${r.samples} sequential)`, `${ms(r.p50)} / ${ms(r.p99)}`);
    row(`${which}: events/s, ${IN_FLIGHT} in flight (${EVENTS} each, 2 runs)`, r.runs.window.map((v) => `${Math.round(v.perSecond)}/s`).join(', '));
    row(`${which}: events/s, batches of ${IN_FLIGHT} (${EVENTS} each, 2 runs)`, r.runs.batches.map((v) => `${Math.round(v.perSecond)}/s`).join(', '));
    row(`${which}: bot CPU per event, all threads / main (best run)`, cpu([...r.runs.window, ...r.runs.batches]));
    row(`${which}: RSS after the runs`, r.rss === null ? 'not measurable here' : `${r.rss.toFixed(1)} MB`);
  }
  if (results.ours && results.bare) {
    const { ours, bare } = { ours: results.ours.runs, bare: results.bare.runs };
    row(`throughput, ours / bare (best runs): ${IN_FLIGHT} in flight`, `${((100 * best(ours.window)) / best(bare.window)).toFixed(0)}%`);
    row(`throughput, ours / bare (best runs): batches of ${IN_FLIGHT}`, `${((100 * best(ours.batches)) / best(bare.batches)).toFixed(0)}%`);
  }
}

async function benchGrowth(): Promise<void> {
  console.log(`\ngrowth: ${AUTHORS} channel messages, each from a new author, in 100 Q&A channels (bot and fake Discord in this process)`);
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const discord = await new FakeDiscord().start();
  discord.replayLimit = 1000; // the fake's replay log is not the bot's memory
  const channels = benchChannels(100);
  const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent', QA_CHANNELS: channels.join(',') });
  const bot = await startGateway(config, createContext(), createLogger('silent'));
  try {
    createChannels(discord, channels.slice(1));
    const qs = allQuestions();
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    const start = performance.now();
    const at: string[] = [`0: ${heap().toFixed(1)} MB`];
    for (let i = 0; i < AUTHORS; i += 500) {
      for (let k = i; k < i + 500; k++) {
        const author = { ...USER, id: (300_000_000_000_000_000n + BigInt(k)).toString(), username: `author${k}` };
        discord.dispatch('MESSAGE_CREATE', userMessage(qs[k % qs.length]!, { channelId: channels[k % 100]!, author }));
      }
      // Events are handled in order: once this is answered, the batch before it has been read.
      const probe = chatInput('help');
      const seen = discord.waitForRequest((r) => r.path.startsWith(`/interactions/${probe.id}/`), 60_000);
      discord.dispatch('INTERACTION_CREATE', probe);
      await seen;
      // The fake keeps every message it dispatched or was sent (for fetches): its memory, not the bot's,
      // in this same process. It grew the measured heap by ~0.9 KB an author.
      discord.requests.length = 0;
      discord.messages.clear();
      if ((i + 500) % 20_000 === 0) at.push(`${(i + 500) / 1000}k: ${heap().toFixed(1)} MB`);
    }
    row('heap after GC', at.join(', '));
    row('users / members cached at the end', `${bot.client.users.cache.size} / ${bot.client.guilds.cache.first()?.members.cache.size ?? 0}`);
    row('messages per second', `${Math.round(AUTHORS / ((performance.now() - start) / 1000))}/s`);
  } finally {
    await bot.stop();
    await discord.stop();
  }
}

/** Channels beyond the fake guild's own: Q&A traffic spread over many channels, as in a big server. */
/** The Q&A channel and `count - 1` new text channels, numbered clear of the fake guild's own (its forum is …003). */
function benchChannels(count: number): string[] {
  return [QA_CHANNEL_ID, ...Array.from({ length: count - 1 }, (_, i) => (BigInt(QA_CHANNEL_ID) + 1000n + BigInt(i)).toString())];
}

function createChannels(discord: FakeDiscord, ids: string[]): void {
  for (const id of ids) {
    discord.dispatch('CHANNEL_CREATE', { id, type: 0, name: `qa-${id.slice(-3)}`, position: 2, permission_overwrites: [], guild_id: '500000000000000001', parent_id: null, nsfw: false });
  }
}

const parts: Record<string, () => Promise<void>> = {
  knowledge: benchKnowledge,
  autocomplete: benchAutocomplete,
  port: benchPort,
  busy: benchBusyHost,
  startup: benchStartup,
  bot: benchBots,
  growth: benchGrowth,
  loop: () => benchKnowledgeLoop(allQuestions()),
};
const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((a) => !(a in parts));
if (unknown.length) {
  console.error(`unknown bench part(s): ${unknown.join(', ')}; parts: ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}
console.log(`devops-bot bench — node ${process.version}, ${new Date().toISOString()}`);
const began = performance.now();
for (const name of asked.length ? asked : Object.keys(parts)) await parts[name]!();
console.log(`\ntotal ${((performance.now() - began) / 1000).toFixed(0)} s`);
