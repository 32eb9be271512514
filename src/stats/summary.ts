import type Database from 'better-sqlite3';
import type { AskOutcome } from './store.ts';
import { groupQuestions } from './group-questions.ts';

export const DAY_MS = 86_400_000;

export const DEFAULT_DAYS = 7;
const MAX_GROUPS = 10;
const MAX_TOPICS = 15;
/** Enough rows to find the frequent ones; a week of a busy server's misses, bounded. */
const MAX_MISSED_ROWS = 5000;

export interface SummaryOptions {
  days?: number;
  /** Only this server's questions (what /stats shows); all servers when absent (the CLI). */
  guildId?: string | null;
  now?: number;
}

export interface TopicStats {
  id: string;
  answered: number;
  up: number;
  down: number;
  /** 👍 / (👍 + 👎), null before anyone voted. */
  helpfulRate: number | null;
}

export interface MissedQuestion {
  question: string;
  /** Times asked (near-duplicates included) and by how many different people. */
  count: number;
  askers: number;
  silent: number;
  suggested: number;
  /** Answers to it that got at least one 👎. */
  downvoted: number;
  /** Other wordings grouped with it (at most three). */
  variants: string[];
  lastAskedAt: string;
}

export interface StatsSummary {
  days: number;
  since: string;
  until: string;
  guildId: string | null;
  questions: number;
  askers: number;
  outcomes: Record<AskOutcome, number>;
  votes: { up: number; down: number };
  topics: TopicStats[];
  unansweredOrDownvoted: MissedQuestion[];
}

export function emptySummary(options: SummaryOptions = {}): StatsSummary {
  const { days, since, until } = windowOf(options);
  return {
    days,
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    guildId: options.guildId ?? null,
    questions: 0,
    askers: 0,
    outcomes: { answered: 0, suggested: 0, silent: 0 },
    votes: { up: 0, down: 0 },
    topics: [],
    unansweredOrDownvoted: [],
  };
}

function windowOf(options: SummaryOptions) {
  const days = options.days ?? DEFAULT_DAYS;
  const until = options.now ?? Date.now();
  return { days, until, since: until - days * DAY_MS };
}

/** Votes per question, for joining. */
const VOTES = `SELECT question_id, SUM(value = 1) AS up, SUM(value = -1) AS down FROM votes GROUP BY question_id`;
const IN_WINDOW = `q.asked_at >= @since AND (@guild IS NULL OR q.guild_id = @guild)`;

export function summarize(db: Database.Database, options: SummaryOptions): StatsSummary {
  const summary = emptySummary(options);
  const params = { since: windowOf(options).since, guild: options.guildId ?? null };
  const totals = db.prepare(`SELECT COUNT(*) AS questions, COUNT(DISTINCT user_hash) AS askers FROM questions q WHERE ${IN_WINDOW}`).get(params) as { questions: number; askers: number };
  Object.assign(summary, totals);
  for (const row of db.prepare(`SELECT outcome, COUNT(*) AS n FROM questions q WHERE ${IN_WINDOW} GROUP BY outcome`).all(params) as Array<{ outcome: AskOutcome; n: number }>) {
    summary.outcomes[row.outcome] = row.n;
  }
  const votes = db.prepare(`SELECT COALESCE(SUM(v.up), 0) AS up, COALESCE(SUM(v.down), 0) AS down FROM questions q JOIN (${VOTES}) v ON v.question_id = q.id WHERE ${IN_WINDOW}`).get(params) as { up: number; down: number };
  summary.votes = votes;
  const topics = db
    .prepare(
      `SELECT q.topic AS id, COUNT(*) AS answered, COALESCE(SUM(v.up), 0) AS up, COALESCE(SUM(v.down), 0) AS down
       FROM questions q LEFT JOIN (${VOTES}) v ON v.question_id = q.id
       WHERE ${IN_WINDOW} AND q.outcome = 'answered' AND q.topic IS NOT NULL
       GROUP BY q.topic ORDER BY answered DESC, q.topic LIMIT ${MAX_TOPICS}`,
    )
    .all(params) as Array<Omit<TopicStats, 'helpfulRate'>>;
  summary.topics = topics.map((t) => ({ ...t, helpfulRate: t.up + t.down ? Math.round((t.up / (t.up + t.down)) * 100) / 100 : null }));

  const missed = db
    .prepare(
      `SELECT q.question, q.outcome, q.user_hash AS userHash, q.asked_at AS askedAt, COALESCE(v.down, 0) AS down
       FROM questions q LEFT JOIN (${VOTES}) v ON v.question_id = q.id
       WHERE ${IN_WINDOW} AND (q.outcome != 'answered' OR v.down > 0)
       ORDER BY q.asked_at DESC LIMIT ${MAX_MISSED_ROWS}`,
    )
    .all(params) as Array<{ question: string; outcome: AskOutcome; userHash: string; askedAt: number; down: number }>;
  summary.unansweredOrDownvoted = groupQuestions(missed)
    .slice(0, MAX_GROUPS)
    .map((group) => ({
      question: group.question,
      count: group.count,
      askers: group.askers,
      silent: group.items.filter((i) => i.outcome === 'silent').length,
      suggested: group.items.filter((i) => i.outcome === 'suggested').length,
      downvoted: group.items.filter((i) => i.down > 0).length,
      variants: [...new Set(group.items.map((i) => i.question.replace(/\s+/g, ' ').trim()))].filter((q) => q !== group.question).slice(0, 3),
      lastAskedAt: new Date(Math.max(...group.items.map((i) => i.askedAt))).toISOString(),
    }));
  return summary;
}
