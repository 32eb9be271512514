import { Worker } from 'node:worker_threads';
import { scanProcNet, type ScanRequest, type ScanResult } from './procfs-scan.mjs';

/**
 * Runs scanProcNet on a worker thread so a lookup never stalls the event loop, however many
 * connections the host has. One thread, started by the first lookup and kept for the next ones;
 * idle, it does not keep the process alive. If it cannot start or breaks, the scan runs here
 * instead: slower for the gateway, but never a lost or wrong answer.
 */
class ScanThread {
  private readonly worker = new Worker(new URL('./procfs-worker.mjs', import.meta.url));
  private readonly pending = new Map<number, { request: ScanRequest; resolve: (result: ScanResult) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(onBroken: () => void) {
    this.worker.unref();
    this.worker.on('message', (message: { id: number; result?: ScanResult; error?: string }) => {
      const call = this.settle(message.id);
      if (!call) return;
      if (message.result) call.resolve(message.result);
      else call.reject(new Error(`port lookup thread: ${message.error ?? 'no result'}`));
    });
    const broken = () => {
      onBroken();
      for (const id of [...this.pending.keys()]) {
        const call = this.settle(id)!;
        scanProcNet(call.request).then(call.resolve, call.reject);
      }
    };
    this.worker.on('error', broken);
    this.worker.on('exit', broken);
  }

  scan(request: ScanRequest): Promise<ScanResult> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject });
      this.worker.ref(); // busy: an answer is owed
      this.worker.postMessage({ id, request });
    });
  }

  private settle(id: number) {
    const call = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return call;
  }
}

let thread: ScanThread | null | undefined;

/** Whether scans run on the worker thread (false once it broke, or where there are no threads). */
export function scanThreadRunning(): boolean {
  return Boolean(thread);
}

/** The /proc socket tables for one port and its owners, read off the event loop. */
export function scanOffThread(request: ScanRequest): Promise<ScanResult> {
  if (thread === undefined) {
    try {
      thread = new ScanThread(() => (thread = null));
    } catch {
      thread = null;
    }
  }
  return thread ? thread.scan(request) : scanProcNet(request);
}
