import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Lang } from '../knowledge/topic.ts';
import { clipName } from '../replies/limits.ts';
import type { Logger } from '../log.ts';
import { migrate, SCHEMA_VERSION } from './migrations.ts';
import { DAY_MS, summarize, emptySummary, type StatsSummary, type SummaryOptions } from './summary.ts';
import { statsKey, userHasher, type UserHasher } from './user-key.ts';

export const DB_FILE = 'devops-bot.sqlite';
/** Longer questions are cut: enough to read what was asked, bounded whatever a channel sends. */
const MAX_STORED_QUESTION_CHARS = 500;

export type AskOutcome = 'answered' | 'suggested' | 'silent';

export interface AskedQuestion {
  guildId: string | null;
  channelId: string | null;
  userId: string;
  lang: Lang;
  outcome: AskOutcome;
  /** The topic answered with, or the best "did you mean"; null when nothing came close. */
  topic: string | null;
  question: string;
}

export type VoteResult = 'recorded' | 'changed' | 'unchanged' | 'unknown' | 'off';

/** The record of what was asked. `record` returns the question's id (for its vote buttons), or null when nothing is kept. */
export interface QuestionLog {
  readonly enabled: boolean;
  record(question: AskedQuestion): number | null;
  /**
   * The same, written with the others asked in this turn of the event loop (one transaction when
   * the turn ends): the id comes once the row is committed. For handlers that can wait a moment.
   */
  recordSoon(question: AskedQuestion): Promise<number | null>;
  vote(questionId: number, userId: string, value: 1 | -1): VoteResult;
  summary(options?: SummaryOptions): StatsSummary;
  /** Deletes questions (and their votes) older than the retention; returns how many. */
  prune(): number;
  close(): void;
}

/** STATS=off: nothing is written, nothing is read, no file is made. */
export const NO_STATS: QuestionLog = {
  enabled: false,
  record: () => null,
  recordSoon: () => Promise.resolve(null),
  vote: () => 'off',
  summary: (options) => emptySummary(options),
  prune: () => 0,
  close: () => {},
};

export interface StatsOptions {
  dataDir: string;
  retentionDays: number;
  secret?: string | null;
  /** How often retention runs while the bot is up (default daily); 0: only on open. */
  pruneEveryMs?: number;
  now?: () => number;
  /** Where a failed write is reported; the answer still goes out without its record. */
  log?: Logger;
}

export function statsFile(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

/** Opens (or creates) the stats file: migrates it, turns WAL on, applies retention now and then daily. */
export function openStats(options: StatsOptions): QuestionLog {
  // Owner-only when we make it: the file holds what people asked.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(statsFile(options.dataDir));
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a committed row survives the process being killed; only power loss may lose the last ones.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    migrate(db);
    return new SqliteQuestionLog(db, userHasher(statsKey(options.dataDir, options.secret ?? null)), options);
  } catch (error) {
    db.close();
    throw error;
  }
}

class SqliteQuestionLog implements QuestionLog {
  readonly enabled = true;
  private readonly insertQuestion: Database.Statement;
  private readonly findVote: Database.Statement;
  private readonly upsertVote: Database.Statement;
  private readonly questionExists: Database.Statement;
  private readonly deleteOld: Database.Statement;
  private readonly timer: NodeJS.Timeout | null;
  private readonly now: () => number;
  /** Rows asked for with recordSoon in this turn of the event loop, and the write that ends it. */
  private queued: Array<{ question: AskedQuestion; askedAt: number; settle: (id: number | null) => void }> = [];
  private writeSoon: NodeJS.Immediate | null = null;
  private readonly insertAll: (rows: Array<{ question: AskedQuestion; askedAt: number }>) => number[];

  constructor(
    private readonly db: Database.Database,
    private readonly hashUser: UserHasher,
    private readonly options: StatsOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.insertQuestion = db.prepare(
      'INSERT INTO questions (asked_at, guild_id, channel_id, user_hash, lang, outcome, topic, question) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.questionExists = db.prepare('SELECT 1 FROM questions WHERE id = ?').pluck();
    this.findVote = db.prepare('SELECT value FROM votes WHERE question_id = ? AND user_hash = ?').pluck();
    this.upsertVote = db.prepare(
      'INSERT INTO votes (question_id, user_hash, value, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT (question_id, user_hash) DO UPDATE SET value = excluded.value, voted_at = excluded.voted_at',
    );
    this.deleteOld = db.prepare('DELETE FROM questions WHERE asked_at < ?');
    this.insertAll = db.transaction((rows: Array<{ question: AskedQuestion; askedAt: number }>) => rows.map((row) => this.insert(row.question, row.askedAt)));
    this.prune();
    const every = options.pruneEveryMs ?? DAY_MS;
    this.timer = every > 0 ? setInterval(() => this.prune(), every).unref() : null;
  }

  record(q: AskedQuestion): number | null {
    try {
      return this.insert(q, this.now());
    } catch (error) {
      // A full disk or a locked file must not cost the asker the answer.
      this.options.log?.warn('could not record a question in the stats file', error);
      return null;
    }
  }

  recordSoon(question: AskedQuestion): Promise<number | null> {
    return new Promise((settle) => {
      this.queued.push({ question, askedAt: this.now(), settle });
      // A commit per question is most of a record's cost (the WAL pages and, every thousand, a
      // checkpoint); the rows of one turn share one. The write lock is held for that write only.
      this.writeSoon ??= setImmediate(() => this.writeQueued());
    });
  }

  private writeQueued(): void {
    if (this.writeSoon) clearImmediate(this.writeSoon);
    this.writeSoon = null;
    const rows = this.queued.splice(0);
    if (!rows.length) return;
    let ids: Array<number | null>;
    try {
      ids = this.insertAll(rows);
    } catch (error) {
      this.options.log?.warn(`could not record ${rows.length} question(s) in the stats file`, error);
      ids = rows.map(() => null);
    }
    rows.forEach((row, i) => row.settle(ids[i]!));
  }

  private insert(q: AskedQuestion, askedAt: number): number {
    const text = clipName(q.question, MAX_STORED_QUESTION_CHARS);
    const result = this.insertQuestion.run(askedAt, q.guildId, q.channelId, this.hashUser(q.userId), q.lang, q.outcome, q.topic, text);
    return Number(result.lastInsertRowid);
  }

  vote(questionId: number, userId: string, value: 1 | -1): VoteResult {
    const user = this.hashUser(userId);
    return this.db.transaction((): VoteResult => {
      if (!this.questionExists.get(questionId)) return 'unknown';
      const before = this.findVote.get(questionId, user) as number | undefined;
      if (before === value) return 'unchanged';
      this.upsertVote.run(questionId, user, value, this.now());
      return before === undefined ? 'recorded' : 'changed';
    })();
  }

  summary(options: SummaryOptions = {}): StatsSummary {
    return summarize(this.db, { ...options, now: options.now ?? this.now() });
  }

  prune(): number {
    try {
      return this.deleteOld.run(this.now() - this.options.retentionDays * DAY_MS).changes;
    } catch (error) {
      this.options.log?.warn('could not delete old questions from the stats file', error);
      return 0;
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    // Questions already answered (or about to be) are written before the file closes.
    if (this.db.open) this.writeQueued();
    if (this.db.open) this.db.close();
  }
}

/** The bot's record per the configuration: the SQLite file, or nothing at all with STATS=off. */
export function statsFromConfig(config: { stats: boolean; dataDir: string; statsRetentionDays: number; statsSecret: string | null }, log?: Logger): QuestionLog {
  if (!config.stats) return NO_STATS;
  return openStats({ dataDir: config.dataDir, retentionDays: config.statsRetentionDays, secret: config.statsSecret, ...(log ? { log } : {}) });
}

/**
 * The summary from the file, read-only (the CLI, possibly while the bot writes: WAL lets both).
 * No file yet: an empty summary. A file from another schema version is refused with a reason.
 */
export function readSummary(dataDir: string, options: SummaryOptions = {}): StatsSummary {
  const file = statsFile(dataDir);
  if (!fs.existsSync(file)) return emptySummary(options);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) throw new Error(`${file} has schema version ${version}, this version reads ${SCHEMA_VERSION}: start the bot once to migrate it`);
    return summarize(db, options);
  } finally {
    db.close();
  }
}
