import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log.ts';
import { TopicAutocomplete } from './autocomplete.ts';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, knowledgeLoading, loadKnowledge } from './load.ts';
import { loadLoanwords, type LoanwordTable } from './loanwords.ts';
import { PHRASING_FOLDER } from './phrasing-files.ts';
import { buildIndex, indexBuild, type SearchIndex } from './search-index.ts';
import { runInSlices } from './steps.ts';
import type { KnowledgeBase } from './topic.ts';

/** One consistent generation of the knowledge: the topics and everything built from them. */
export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  index: SearchIndex;
  autocomplete: TopicAutocomplete;
}

export interface KnowledgeSources {
  /** The built-in folder (default `knowledge/`). */
  dir: string;
  /** A team's folders (KNOWLEDGE_DIRS), loaded after it. */
  extraDirs: readonly string[];
}

/**
 * Loads and validates the whole knowledge (topics and loanwords); throws KnowledgeError and builds nothing on any problem.
 * The index and autocomplete are built when first used: `cli port` and a bot still connecting need
 * neither (a reload builds them before the swap).
 */
export function buildSnapshot({ dir, extraDirs }: KnowledgeSources): KnowledgeSnapshot {
  // The loanwords are read now, with the topics: a broken table is a problem of this snapshot, named at once.
  return snapshotOf(loadKnowledge(dir, extraDirs), loadLoanwords());
}

/**
 * buildSnapshot without holding the event loop for the whole load: it lets pending I/O run after
 * each file it reads, so a bot that has just called login() gets through the gateway handshake
 * (HELLO → IDENTIFY) while its knowledge loads.
 */
export async function buildSnapshotGradually({ dir, extraDirs }: KnowledgeSources): Promise<KnowledgeSnapshot> {
  return snapshotOf(await runInSlices(knowledgeLoading(dir, extraDirs), 0), loadLoanwords());
}

/**
 * A whole snapshot, index included, built a slice at a time (steps.ts): what a reload swaps in. The
 * build after a phrasing edit learns the classifier again (~0.5 s); run at once, it would hold every
 * interaction and heartbeat for that long.
 */
async function buildSnapshotInSlices({ dir, extraDirs }: KnowledgeSources): Promise<KnowledgeSnapshot> {
  const kb = await runInSlices(knowledgeLoading(dir, extraDirs));
  const loanwords = loadLoanwords();
  return snapshotOf(kb, loanwords, await runInSlices(indexBuild(kb, loanwords)));
}

function snapshotOf(kb: KnowledgeBase, loanwords: LoanwordTable, built?: SearchIndex): KnowledgeSnapshot {
  let index: SearchIndex | undefined = built;
  let autocomplete: TopicAutocomplete | undefined;
  return {
    kb,
    get index() {
      return (index ??= buildIndex(kb, loanwords));
    },
    get autocomplete() {
      return (autocomplete ??= new TopicAutocomplete(this.index));
    },
  };
}

export type ReloadResult = { ok: true; topics: number; ms: number } | { ok: false; problems: string[]; ms: number };

/**
 * The knowledge the bot answers from. A reload builds a complete new snapshot first and replaces
 * `current` in one assignment, so a request sees the old knowledge or the new, never a mix; when
 * the new one has any problem the old one keeps serving.
 */
export class KnowledgeHolder {
  current: KnowledgeSnapshot;
  /** Told of every reload, from the file watch or /reload (the bot logs them). */
  onReload: ((result: ReloadResult) => void) | null = null;

  constructor(
    readonly sources: KnowledgeSources = { dir: DEFAULT_KNOWLEDGE_DIR, extraDirs: [] },
    initial: KnowledgeSnapshot = buildSnapshot(sources),
  ) {
    this.current = initial;
  }

  /** The reload running or waiting last, and the one waiting to start (reloads asked meanwhile share it). */
  private latest: Promise<ReloadResult> | null = null;
  private waiting: Promise<ReloadResult> | null = null;

  /**
   * Reloads run one after another: one asked while another runs starts when that one has swapped, and
   * every reload asked before it starts shares it (five /reload clicks during a build make one more
   * build, not five). Never rejects.
   */
  reload(): Promise<ReloadResult> {
    if (this.waiting) return this.waiting;
    const previous = this.latest;
    const next = (async () => {
      await previous;
      this.waiting = null; // started: it reads the files from now on, so a later request needs a build of its own
      const built = await this.build();
      try {
        this.onReload?.(built);
      } catch {
        // Telling a listener (the log) is not the reload: its failure must not fail this or any later reload.
      }
      return built;
    })();
    this.waiting = next;
    this.latest = next;
    return next;
  }

  /** Never rejects: a problem is a result, and the previous knowledge keeps serving. */
  private async build(): Promise<ReloadResult> {
    const started = performance.now();
    try {
      const next = await buildSnapshotInSlices(this.sources);
      void next.autocomplete; // built before the swap, so the first question after a reload pays nothing
      this.current = next;
      return { ok: true, topics: next.kb.topics.length, ms: performance.now() - started };
    } catch (error) {
      const problems = error instanceof KnowledgeError ? error.problems : [error instanceof Error ? error.message : String(error)];
      return { ok: false, problems, ms: performance.now() - started };
    }
  }
}

export function describeReload(result: ReloadResult): string {
  return result.ok
    ? `knowledge reloaded: ${result.topics} topics in ${result.ms.toFixed(0)} ms`
    : `knowledge reload failed, still serving the previous knowledge (${result.problems.length} problem(s)):\n  - ${result.problems.join('\n  - ')}`;
}

/** Whether a changed file (relative to a knowledge folder) is read with the knowledge. */
function isKnowledgeFile(file: string): boolean {
  const inPhrasing = file.split(/[\\/]/)[0] === PHRASING_FOLDER && /\.ya?ml$/.test(file);
  return file.endsWith('.md') || file.endsWith('loanwords.yaml') || inPhrasing;
}

/** Editors save in bursts (write, rename, touch): one reload after the burst settles. */
export const WATCH_DEBOUNCE_MS = 250;

/** Logs every reload: what loaded, or each problem with its file and line. */
export function logReloads(holder: KnowledgeHolder, log: Logger): void {
  holder.onReload = (result) => (result.ok ? log.info(describeReload(result)) : log.error(describeReload(result)));
}

/**
 * Reloads when a topic file changes in any knowledge folder, after a short quiet period.
 * Returns a function that stops watching.
 */
export function watchKnowledge(holder: KnowledgeHolder, log: Logger, debounceMs = WATCH_DEBOUNCE_MS, loadedSince?: number): () => void {
  let timer: NodeJS.Timeout | null = null;
  const reload = () => {
    timer = null;
    void holder.reload();
  };
  const changed = (file: string | null) => {
    // Topics, the loanword table and the phrasing examples are knowledge; services.yaml is read at start only.
    if (file && !isKnowledgeFile(file)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };
  const watchers: fs.FSWatcher[] = [];
  for (const dir of [holder.sources.dir, ...holder.sources.extraDirs]) {
    try {
      const watcher = fs.watch(dir, { recursive: true, persistent: false }, (_, file) => changed(file ? String(file) : null));
      watcher.on('error', (error) => log.warn(`knowledge watch on ${dir} stopped; /reload still works`, error));
      watchers.push(watcher);
    } catch (error) {
      log.warn(`cannot watch ${dir} for changes; /reload still works`, error);
    }
  }
  // Started after a load that took a while (npm start reads the knowledge during the handshake): an
  // edit saved meanwhile was seen by no watcher, and the load may hold it in part.
  if (loadedSince !== undefined && editedSince(holder.sources, loadedSince)) changed(null);
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/** Whether any knowledge file in the folders was modified at or after `since` (ms since the epoch). */
function editedSince(sources: KnowledgeSources, since: number): boolean {
  const edited = (dir: string): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
    } catch {
      return false;
    }
    return entries.some((entry) => {
      if (!entry.isFile()) return false;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      try {
        return isKnowledgeFile(path.relative(dir, file)) && fs.statSync(file).mtimeMs >= since;
      } catch {
        return false;
      }
    });
  };
  return [sources.dir, ...sources.extraDirs].some(edited);
}
