import type Database from 'better-sqlite3';

/**
 * The schema, one step per version. `PRAGMA user_version` holds how many steps a file has had;
 * opening a file runs the missing ones, each in its own transaction. Append new steps; never edit
 * a released one (files in the field have already run it).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: what was asked and what the bot did about it.
  `CREATE TABLE questions (
     id         INTEGER PRIMARY KEY,
     asked_at   INTEGER NOT NULL,                 -- ms since the epoch
     guild_id   TEXT,                             -- null in direct messages
     channel_id TEXT,
     user_hash  TEXT NOT NULL,                    -- HMAC of the user id, never the id itself
     lang       TEXT NOT NULL CHECK (lang IN ('en', 'ko')),
     outcome    TEXT NOT NULL CHECK (outcome IN ('answered', 'suggested', 'silent')),
     topic      TEXT,                             -- the answer, or the best "did you mean"
     question   TEXT NOT NULL
   );
   CREATE INDEX questions_by_time ON questions (asked_at);`,
  // 2: 👍/👎 on answers, one per person per answer (a second click replaces the first).
  `CREATE TABLE votes (
     question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
     user_hash   TEXT NOT NULL,
     value       INTEGER NOT NULL CHECK (value IN (1, -1)),
     voted_at    INTEGER NOT NULL,
     PRIMARY KEY (question_id, user_hash)
   ) WITHOUT ROWID;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file up to `target` (default: the newest version). Returns the version it had.
 * Each step re-reads the version under a write lock (BEGIN IMMEDIATE), so two processes opening
 * the same file at once (shards) never run a step twice.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const versionOf = () => db.pragma('user_version', { simple: true }) as number;
  const from = versionOf();
  if (from > SCHEMA_VERSION) {
    throw new Error(`the stats file has schema version ${from}, newer than this bot knows (${SCHEMA_VERSION}); update the bot or move the file away`);
  }
  const step = db.transaction(() => {
    const version = versionOf();
    if (version >= target) return false;
    db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  for (let more = true; more; ) more = step.immediate();
  return from;
}
