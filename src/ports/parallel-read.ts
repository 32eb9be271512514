import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Reading /proc/net/tcp or tcp6 makes the kernel walk its whole TCP connection table, which Linux
 * sizes by memory (262,144 buckets on a 24 GiB host: ~4.5 ms a file). Two walks run at once on two
 * cores, so one file goes to a helper thread while this one reads the rest. Every file is still read
 * to its end: nothing about the kernel's output is assumed.
 */

// Evaluated on the helper thread: it reads the file it is sent, whole, and returns its text.
const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, file }) => {
  let text = null;
  try { text = fs.readFileSync(file, 'utf8'); } catch {}
  parentPort.postMessage({ id, text });
});`;

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null; // absent (no IPv6, no procfs) or not ours to read
  }
}

class Helper {
  private readonly worker = new Worker(HELPER_SOURCE, { eval: true });
  private readonly pending = new Map<number, { file: string; resolve: (text: string | null) => void }>();
  private nextId = 0;

  constructor(onBroken: () => void) {
    // Idle, it must not keep the bot or the CLI running; busy, it must (see read).
    this.worker.unref();
    this.worker.on('message', ({ id, text }: { id: number; text: string | null }) => this.settle(id, text));
    const broken = () => {
      onBroken();
      // Whatever was asked of it is read here instead: a broken helper never loses an answer.
      for (const [id, { file }] of this.pending) this.settle(id, readText(file));
    };
    this.worker.on('error', broken);
    this.worker.on('exit', broken);
  }

  read(file: string): Promise<string | null> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, { file, resolve });
      this.worker.ref();
      this.worker.postMessage({ id, file });
    });
  }

  private settle(id: number, text: string | null): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    request.resolve(text);
  }
}

let helper: Helper | null | undefined;

function getHelper(): Helper | null {
  if (helper === undefined) {
    try {
      helper = new Helper(() => (helper = null));
    } catch {
      helper = null; // no worker threads here: read everything on this thread
    }
  }
  return helper;
}

/** Whether reads go to the helper thread (false once it broke, or where there are no threads): the speed-up, not the answers, depends on it. */
export function helperRunning(): boolean {
  return Boolean(helper);
}

/** The texts of `files` (null where unreadable): the first read on the helper thread while this thread reads the rest. */
export async function readAtOnce(files: readonly string[]): Promise<Array<string | null>> {
  const [first, ...rest] = files;
  if (first === undefined) return [];
  const away = getHelper()?.read(first) ?? Promise.resolve(readText(first));
  const here = rest.map(readText);
  return [await away, ...here];
}
