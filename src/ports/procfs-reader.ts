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

function scanOnce(request: ScanRequest): Promise<ScanResult> {
  if (thread === undefined) {
    try {
      thread = new ScanThread(() => (thread = null));
    } catch {
      thread = null;
    }
  }
  return thread ? thread.scan(request) : scanProcNet(request);
}

export interface PortScanRequest {
  procRoot: string;
  port: number;
  ownerBudgetMs: number;
}

interface Batch {
  ports: Set<number>;
  ownerBudgetMs: number;
  callers: Array<{ resolve: (result: ScanResult) => void; reject: (error: Error) => void }>;
}

/** Per /proc root: the scan that will start when the running one ends, and whether one runs. */
const nextBatch = new Map<string, Batch>();
const scanning = new Set<string>();

/**
 * The /proc socket tables for a port and its owners, read off the event loop. Lookups asked while a
 * scan runs wait for the next one and share it (one read of the tables for all their ports): each
 * still gets tables read after it asked, and a burst of /port costs one scan, not one each.
 */
export function scanOffThread(request: PortScanRequest): Promise<ScanResult> {
  return new Promise((resolve, reject) => {
    let batch = nextBatch.get(request.procRoot);
    if (!batch) nextBatch.set(request.procRoot, (batch = { ports: new Set(), ownerBudgetMs: request.ownerBudgetMs, callers: [] }));
    batch.ports.add(request.port);
    batch.ownerBudgetMs = Math.max(batch.ownerBudgetMs, request.ownerBudgetMs);
    batch.callers.push({ resolve, reject });
    if (!scanning.has(request.procRoot)) void runBatch(request.procRoot);
  });
}

async function runBatch(procRoot: string): Promise<void> {
  const batch = nextBatch.get(procRoot);
  if (!batch) return;
  nextBatch.delete(procRoot);
  scanning.add(procRoot);
  try {
    const result = await scanOnce({ procRoot, ports: [...batch.ports], ownerBudgetMs: batch.ownerBudgetMs });
    for (const caller of batch.callers) caller.resolve(result);
  } catch (error) {
    for (const caller of batch.callers) caller.reject(error instanceof Error ? error : new Error(String(error)));
  } finally {
    scanning.delete(procRoot);
    void runBatch(procRoot);
  }
}
