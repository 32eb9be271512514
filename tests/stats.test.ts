import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../src/config.ts';
import { limitViolations } from '../src/replies/limits.ts';
import { askCommand } from '../src/commands/ask.ts';
import { answerMessageWithTopic } from '../src/qa/channel-qa.ts';
import type { Reply } from '../src/replies/reply.ts';
import { groupQuestions } from '../src/stats/group-questions.ts';
import { voteReply } from '../src/stats/votes.ts';
import { sharedContext } from './helpers/bot.ts';
import { runCli } from './helpers/cli.ts';
import { statsReply } from '../src/stats/stats-reply.ts';
import { migrate, SCHEMA_VERSION } from '../src/stats/migrations.ts';
import { NO_STATS, openStats, readSummary, statsFile, statsFromConfig, type AskedQuestion, type QuestionLog } from '../src/stats/store.ts';
import { KEY_FILE } from '../src/stats/user-key.ts';
import { DAY_MS } from '../src/stats/summary.ts';

const dirs: string[] = [];
const logs: QuestionLog[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-'));
  dirs.push(dir);
  return dir;
}
function open(dataDir: string, options: Partial<Parameters<typeof openStats>[0]> = {}): QuestionLog {
  const log = openStats({ dataDir, retentionDays: 30, pruneEveryMs: 0, ...options });
  logs.push(log);
  return log;
}
afterEach(() => {
  for (const log of logs.splice(0)) log.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const USER = '300000000000000001';

/** Commit frames in a WAL file: frames whose header's "database size after commit" is non-zero. */
function countCommitFrames(wal: Buffer): number {
  const pageSize = wal.readUInt32BE(8);
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) if (wal.readUInt32BE(at + 4) !== 0) commits++;
  return commits;
}
const asked = (over: Partial<AskedQuestion> = {}): AskedQuestion => ({
  guildId: '500000000000000001',
  channelId: '400000000000000001',
  userId: USER,
  lang: 'en',
  outcome: 'answered',
  topic: 'ports',
  question: 'what is a port',
  ...over,
});

describe('the stats file', () => {
  it('is created from nothing at the newest schema, in WAL mode', () => {
    const dir = tempDir();
    open(dir).record(asked());
    const db = new Database(statsFile(dir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['questions', 'votes']);
    db.close();
  });

  it('migrates a file from the previous schema version and keeps its rows', () => {
    const dir = tempDir();
    const old = new Database(statsFile(dir));
    migrate(old, SCHEMA_VERSION - 1);
    old.prepare("INSERT INTO questions (asked_at, guild_id, channel_id, user_hash, lang, outcome, topic, question) VALUES (?, 'g', 'c', 'h', 'en', 'answered', 'ports', 'kept from before')").run(Date.now());
    old.close();
    const log = open(dir);
    const db = new Database(statsFile(dir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT question FROM questions').pluck().all()).toEqual(['kept from before']);
    db.close();
    // The new step works on the old row: it can be voted on.
    expect(log.vote(1, USER, 1)).toBe('recorded');
    expect(log.summary().topics).toEqual([{ id: 'ports', answered: 1, up: 1, down: 0, helpfulRate: 1 }]);
  });

  it('refuses a file from a newer version instead of misreading it', () => {
    const dir = tempDir();
    const db = new Database(statsFile(dir));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => open(dir)).toThrow(/newer than this bot knows/);
  });

  it('counts one vote per person per answer, which they may change', () => {
    const log = open(tempDir());
    const id = log.record(asked())!;
    expect(log.vote(id, USER, 1)).toBe('recorded');
    expect(log.vote(id, USER, 1)).toBe('unchanged');
    expect(log.vote(id, USER, -1)).toBe('changed');
    expect(log.vote(id, '300000000000000002', -1)).toBe('recorded');
    expect(log.vote(id + 1000, USER, 1)).toBe('unknown');
    const summary = log.summary();
    expect(summary.votes).toEqual({ up: 0, down: 2 });
    expect(summary.topics[0]).toMatchObject({ id: 'ports', up: 0, down: 2, helpfulRate: 0 });
    expect(summary.unansweredOrDownvoted[0]).toMatchObject({ question: 'what is a port', downvoted: 1 });
  });

  it('never stores a user id in clear, yet counts the same person once', () => {
    const dir = tempDir();
    const log = open(dir);
    log.record(asked());
    log.record(asked({ question: 'another' }));
    log.record(asked({ userId: '300000000000000002' }));
    expect(log.summary()).toMatchObject({ questions: 3, askers: 2 });
    log.close();
    for (const file of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, file)).includes(USER)).toBe(false);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    // The same id hashes differently under another key: a hash from one bot means nothing elsewhere.
    const other = tempDir();
    open(other, { secret: 'a-different-secret-key' }).record(asked());
    const hashOf = (d: string) => new Database(statsFile(d), { readonly: true }).prepare('SELECT user_hash FROM questions LIMIT 1').pluck().get();
    expect(hashOf(other)).not.toBe(hashOf(dir));
  });

  it('loses no committed row and stays readable when the writing process is killed (kill -9)', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'helpers/stats-writer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const committed: number[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => code !== null && reject(new Error(`writer exited by itself (${code})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        committed.push(...lines.map(Number));
        if (committed.length >= 2000 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    const db = new Database(statsFile(dir), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(db.prepare('SELECT id FROM questions').pluck().all() as number[]);
    db.close();
    expect(committed.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(committed.length);
    // And the bot can open it again and go on writing.
    expect(open(dir).record(asked())).toBeGreaterThan(Math.max(...committed));
  }, 30_000);

  it('deletes questions (and their votes) past STATS_RETENTION_DAYS on start and daily', async () => {
    const dir = tempDir();
    let now = Date.UTC(2026, 0, 1);
    const first = open(dir, { now: () => now });
    const old = first.record(asked({ question: 'old one' }))!;
    first.vote(old, USER, -1);
    now += 20 * DAY_MS;
    first.record(asked({ question: 'recent one' }));
    first.close();

    now += 11 * DAY_MS; // the first is now 31 days old, the second 11
    const reopened = open(dir, { now: () => now, pruneEveryMs: 20 });
    const rows = () => new Database(statsFile(dir), { readonly: true }).prepare('SELECT question FROM questions').pluck().all();
    expect(rows()).toEqual(['recent one']);
    expect(new Database(statsFile(dir), { readonly: true }).prepare('SELECT COUNT(*) FROM votes').pluck().get()).toBe(0);

    now += 20 * DAY_MS; // while running: the daily pass removes the second too
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rows()).toEqual([]);
    expect(reopened.summary({ days: 365 }).questions).toBe(0);
  });

  it('writes the questions of one turn of the event loop together, each id given once its row is committed', async () => {
    const dir = tempDir();
    const log = open(dir);
    const reader = new Database(statsFile(dir), { readonly: true });
    const stored = () => reader.prepare('SELECT id, question, asked_at FROM questions ORDER BY id').all() as Array<{ id: number; question: string; asked_at: number }>;
    const before = Date.now();
    const soon = [log.recordSoon(asked({ question: 'first' })), log.recordSoon(asked({ question: 'second' })), log.recordSoon(asked({ question: 'third' }))];
    expect(stored()).toEqual([]); // nothing written yet: the turn is not over
    const ids = await Promise.all(soon);
    const rows = stored();
    expect(rows.map((r) => [r.id, r.question])).toEqual([[ids[0], 'first'], [ids[1], 'second'], [ids[2], 'third']]);
    expect(rows.every((r) => r.asked_at >= before && r.asked_at <= Date.now())).toBe(true);
    // One transaction: the three rows entered the WAL in a single commit (one commit frame).
    const wal = fs.readFileSync(`${statsFile(dir)}-wal`);
    const commitsAfterFirst = countCommitFrames(wal);
    await Promise.all([log.recordSoon(asked({ question: 'fourth' })), log.recordSoon(asked({ question: 'fifth' }))]);
    expect(countCommitFrames(fs.readFileSync(`${statsFile(dir)}-wal`)) - commitsAfterFirst).toBe(1);
    // A record of its own after them keeps the order of ids.
    expect(log.record(asked({ question: 'sixth' }))).toBe(ids[2]! + 3);
    reader.close();
  });

  it('writes questions still waiting for the end of the turn when it closes, and answers the rest with no id', async () => {
    const dir = tempDir();
    const log = openStats({ dataDir: dir, retentionDays: 30, pruneEveryMs: 0 });
    const waiting = log.recordSoon(asked({ question: 'asked just before shutdown' }));
    log.close();
    const id = await waiting;
    expect(id).toBeGreaterThan(0);
    const db = new Database(statsFile(dir), { readonly: true });
    expect(db.prepare('SELECT question FROM questions WHERE id = ?').pluck().get(id)).toBe('asked just before shutdown');
    db.close();
    // After closing, a question is not written, and its reply comes without an id (so without votes).
    await expect(log.recordSoon(asked())).resolves.toBeNull();
  });

  it('a write that fails costs the askers their vote buttons, not their answers', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const log = open(dir, { log: { warn: (message: string) => warnings.push(message) } as never });
    const recording = { ...sharedContext(), stats: log };
    // Another connection holds the write lock past the busy timeout (2 s): the turn's write fails.
    const holder = new Database(statsFile(dir));
    holder.pragma('busy_timeout = 0');
    holder.exec('BEGIN IMMEDIATE');
    const question = { options: { question: 'what is a port number' }, lang: 'en' as const, userId: USER };
    const replies = await Promise.all([askCommand.execute(question, recording), askCommand.execute(question, recording)]);
    holder.exec('ROLLBACK');
    holder.close();
    for (const reply of replies) {
      expect(reply.embeds?.length).toBeGreaterThan(0);
      expect(JSON.stringify(reply.components ?? [])).not.toMatch(/vote:/);
    }
    expect(warnings).toEqual([expect.stringMatching(/could not record 2 question/)]);
  }, 10_000);

  it('STATS=off records nothing and makes no file', async () => {
    const dir = tempDir();
    const log = statsFromConfig(loadConfig({ STATS: 'off', DATA_DIR: dir }));
    expect(log.enabled).toBe(false);
    expect(log.record(asked())).toBeNull();
    await expect(log.recordSoon(asked())).resolves.toBeNull();
    expect(log.vote(1, USER, 1)).toBe('off');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(readSummary(dir).questions).toBe(0);
  });

  it('reads the summary of one server, or of all', () => {
    const log = open(tempDir());
    log.record(asked({ outcome: 'silent', topic: null, question: 'how do we rotate the staging TLS cert?' }));
    log.record(asked({ guildId: '500000000000000009', outcome: 'suggested', question: 'rotate staging tls certs' }));
    expect(log.summary().unansweredOrDownvoted).toEqual([
      expect.objectContaining({ count: 2, askers: 1, silent: 1, suggested: 1, variants: [expect.any(String)] }),
    ]);
    expect(log.summary({ guildId: '500000000000000001' })).toMatchObject({ questions: 1, outcomes: { answered: 0, suggested: 0, silent: 1 } });
  });
});

describe('👍/👎 on answers', () => {
  const request = (question: string) => ({ options: { question }, lang: 'en' as const, userId: USER, guildId: '500000000000000001', channelId: '400000000000000001' });

  it('come with an answer only when it is recorded, and only under answers', async () => {
    const stats = open(tempDir());
    const recording = { ...sharedContext(), stats };
    const rowOf = (reply: Reply) => reply.components?.at(-1)?.map((item) => item.customId) ?? [];
    expect(rowOf(await askCommand.execute(request('what is a port number'), recording))).toEqual([expect.stringMatching(/^vote:up:\d+$/), expect.stringMatching(/^vote:down:\d+$/)]);
    expect(rowOf(await askCommand.execute(request('what is a port number'), sharedContext())).join()).not.toMatch(/vote:/); // STATS=off
    expect(rowOf(await askCommand.execute(request('how do I squash commits in git'), recording)).join()).not.toMatch(/vote:/); // no answer
    expect(stats.summary()).toMatchObject({ questions: 2, outcomes: { answered: 1, silent: 1 } });
  });

  it('a channel answer held back by a rate limit is recorded as silence, not as an answer', () => {
    const stats = open(tempDir());
    const recording = { ...sharedContext(), stats };
    const asker = { userId: USER, guildId: '500000000000000001', channelId: '400000000000000001' };
    const sent = answerMessageWithTopic('what is a port number', recording, { mentioned: true, asker, mayAnswer: () => true });
    const held = answerMessageWithTopic('what is a port number', recording, { mentioned: true, asker, mayAnswer: () => false });
    expect(sent && 'reply' in sent).toBe(true);
    expect(held).toEqual({ heldBack: true });
    expect(stats.summary()).toMatchObject({ questions: 2, outcomes: { answered: 1, silent: 1 } });
  });

  it('answer a forged or stale button briefly, changing nothing', () => {
    const stats = open(tempDir());
    expect(voteReply('vote:sideways:1', USER, 'en', stats)).toEqual({ content: expect.stringMatching(/not known/), ephemeral: true });
    expect(voteReply('vote:up:99999', USER, 'ko', stats)).toEqual({ content: expect.stringMatching(/오래되어/), ephemeral: true });
    expect(voteReply('vote:up:1', USER, 'en', NO_STATS).content).toMatch(/not recorded/);
    expect(stats.summary().votes).toEqual({ up: 0, down: 0 });
  });
});

describe('the /stats card', () => {
  it('fits Discord\'s limits however long and many the questions, and shows them inert', () => {
    const log = open(tempDir());
    for (let i = 0; i < 40; i++) log.record(asked({ outcome: 'silent', topic: null, question: `${'very long question '.repeat(40)} number ${i} unique${i}word @everyone **bold** \`tick\`` }));
    for (let i = 0; i < 30; i++) log.record(asked({ topic: `team-topic-with-a-long-name-${i}` }));
    for (const lang of ['en', 'ko'] as const) {
      const reply = statsReply(log.summary({ guildId: '500000000000000001' }), lang);
      expect(limitViolations(reply)).toEqual([]);
      const missed = reply.embeds![0]!.fields!.at(-1)!.value;
      // Each question is one inline-code span: no formatting, no link, no mention takes effect.
      for (const line of missed.split('\n').filter((l) => l.startsWith('•'))) expect(line).toMatch(/^• \d+× `[^`]*`/);
    }
  });
});

describe('cli stats', () => {
  const cli = (args: string[], dataDir: string) => runCli(['stats', ...args], { DATA_DIR: dataDir });

  it('prints the summary for a terminal, over --days, and an empty one before anything was recorded', async () => {
    const dir = tempDir();
    expect(JSON.parse((await cli(['--json'], dir)).stdout)).toMatchObject({ days: 7, questions: 0, outcomes: { answered: 0, suggested: 0, silent: 0 } });
    expect(fs.readdirSync(dir)).toEqual([]); // reading made no file
    const log = open(dir);
    log.record(asked({ outcome: 'silent', topic: null, question: 'how do we rotate the staging TLS cert?' }));
    log.close();
    const text = await cli(['--days', '30'], dir);
    expect(text.stdout).toMatch(/== Last 30 days ==/);
    expect(text.stdout).toMatch(/1× `how do we rotate the staging TLS cert\?` — no answer 1/);
  });

  it('rejects a bad --days with a short error and status 2', async () => {
    const result = await cli(['--days', '0'], tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--days needs a whole number from 1 to 365/);
  });
});

describe('configuration of the record', () => {
  it('defaults to recording in ./data for 30 days, and reads every variable', () => {
    expect(loadConfig({})).toMatchObject({ dataDir: './data', stats: true, statsRetentionDays: 30, statsSecret: null, knowledgeDirs: [] });
    expect(loadConfig({ DATA_DIR: '/var/lib/bot', STATS: 'off', STATS_RETENTION_DAYS: '7', STATS_SECRET: 'sixteen-chars-or-more', KNOWLEDGE_DIRS: ' ../team-kb , /srv/kb ,' })).toMatchObject({
      dataDir: '/var/lib/bot',
      stats: false,
      statsRetentionDays: 7,
      statsSecret: 'sixteen-chars-or-more',
      knowledgeDirs: ['../team-kb', '/srv/kb'],
    });
  });

  it('rejects bad values clearly, without echoing the secret', () => {
    const error = (() => {
      try {
        loadConfig({ STATS: 'sometimes', STATS_RETENTION_DAYS: '0', STATS_SECRET: 'short-secret' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('loadConfig accepted bad values');
    })();
    expect([...error.problems].sort()).toEqual(['STATS must be true or false', 'STATS_RETENTION_DAYS must be a whole number from 1 to 9999', 'STATS_SECRET must be at least 16 characters']);
    expect(error.message).not.toContain('short-secret');
  });
});

describe('grouping near-duplicate questions', () => {
  const items = (questions: string[]) => questions.map((question, i) => ({ question, userHash: `u${i % 2}`, askedAt: i }));

  it('groups wordings of one question, in both languages, and keeps different questions apart', () => {
    const groups = groupQuestions(items(['How do I rotate the staging TLS cert?', 'rotate the staging tls certs', 'ROTATE staging TLS cert!!', '포트가 충돌했어요', '포트 충돌', 'what is a kubernetes ingress']));
    expect(groups.map((g) => g.count)).toEqual([3, 2, 1]);
    expect(groups[1]!.items.map((i) => i.question)).toEqual(['포트가 충돌했어요', '포트 충돌']);
    expect(groups[0]!.askers).toBe(2);
  });
});
