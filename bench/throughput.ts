/**
 * Throughput of a bot process against the fake Discord, two ways, and the CPU the bot spent on it.
 * - window: 50 events in flight at every moment; each reply lets the next event go, as a busy
 *   server's traffic does (it never waits for the slowest of 50).
 * - batches: 50 dispatched at once, the next 50 once all are answered (the earlier measure: the
 *   bot idles while the slowest reply of each batch, a /port, is still on its way).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FakeDiscord } from '../tests/fake-discord/server.ts';

export interface MixEvent {
  type: 'INTERACTION_CREATE' | 'MESSAGE_CREATE';
  payload: { id: string };
}

export interface ThroughputRun {
  perSecond: number;
  /** The bot process's CPU time per event, all threads (GC, the /port thread, libuv) and the main thread alone; null off Linux. */
  cpuPerEvent: { all: number; main: number } | null;
}

type Answered = (discord: FakeDiscord, event: MixEvent) => Promise<unknown>;

export const IN_FLIGHT = 50;

export async function throughput(
  how: 'window' | 'batches',
  discord: FakeDiscord,
  pid: number,
  count: number,
  eventAt: (i: number) => MixEvent,
  answeredBy: Answered,
): Promise<ThroughputRun> {
  const cpuBefore = cpuOf(pid);
  const begin = performance.now();
  if (how === 'window') await inWindow(discord, count, eventAt, answeredBy);
  else await inBatches(discord, count, eventAt, answeredBy);
  const seconds = (performance.now() - begin) / 1000;
  const cpuAfter = cpuOf(pid);
  const cpuPerEvent = cpuBefore && cpuAfter ? { all: (cpuAfter.all - cpuBefore.all) / count, main: (cpuAfter.main - cpuBefore.main) / count } : null;
  return { perSecond: count / seconds, cpuPerEvent };
}

async function inWindow(discord: FakeDiscord, count: number, eventAt: (i: number) => MixEvent, answeredBy: Answered): Promise<void> {
  let next = 0;
  let answered = 0;
  const lane = async () => {
    while (next < count) {
      const event = eventAt(next++);
      const seen = answeredBy(discord, event);
      discord.dispatch(event.type, event.payload);
      await seen;
      // The fake's own log is not the bot's memory (each wait is registered before its dispatch).
      if (++answered % IN_FLIGHT === 0) discord.requests.length = 0;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

async function inBatches(discord: FakeDiscord, count: number, eventAt: (i: number) => MixEvent, answeredBy: Answered): Promise<void> {
  for (let i = 0; i < count; i += IN_FLIGHT) {
    const batch = Array.from({ length: Math.min(IN_FLIGHT, count - i) }, (_, k) => eventAt(i + k));
    const replies = batch.map((e) => answeredBy(discord, e));
    for (const e of batch) discord.dispatch(e.type, e.payload);
    await Promise.all(replies);
    discord.requests.length = 0;
  }
}

/** CPU milliseconds a process has used (user + system), all threads and its main thread, from /proc; null elsewhere. */
function cpuOf(pid: number): { all: number; main: number } | null {
  const ticks = (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  };
  try {
    const msPerTick = 1000 / 100; // USER_HZ is 100 on Linux
    return { all: ticks(`/proc/${pid}/stat`) * msPerTick, main: ticks(`/proc/${pid}/task/${pid}/stat`) * msPerTick };
  } catch {
    return null;
  }
}
