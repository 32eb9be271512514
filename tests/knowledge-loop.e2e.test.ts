/**
 * The knowledge loop end to end, through the real discord.js Client and the fake Discord: what the
 * bot could not answer and what did not help shows in /stats and `cli stats`; knowledge edits are
 * served without a restart, a broken edit is not; a team's own folder is answered from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type BotContext } from '../src/app.ts';
import { logReloads, watchKnowledge } from '../src/knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/knowledge/load.ts';
import { search } from '../src/knowledge/search.ts';
import { openStats, type QuestionLog } from '../src/stats/store.ts';
import type { RecordedRequest } from './fake-discord/server.ts';
import { autocomplete, chatInput, component, userMessage, BOT_USER, OTHER_USER, QA_CHANNEL_ID, USER } from './fake-discord/payloads.ts';
import { startHarness, type Harness } from './helpers/bot.ts';
import { runCli } from './helpers/cli.ts';

const isCallback = (id: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`);

let h: Harness;
let ctx: BotContext;
let stats: QuestionLog;
let stopWatching: () => void;
let temp: string;
let knowledgeDir: string;
let dataDir: string;

beforeAll(async () => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'loop-e2e-'));
  // Private copies: the test edits topic files, never the repository's knowledge/.
  knowledgeDir = path.join(temp, 'knowledge');
  fs.cpSync(DEFAULT_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  const teamDir = path.join(temp, 'team');
  fs.cpSync(path.join(import.meta.dirname, 'fixtures/team-knowledge'), teamDir, { recursive: true });
  dataDir = path.join(temp, 'data');
  stats = openStats({ dataDir, retentionDays: 30, pruneEveryMs: 0 });
  ctx = createContext({ knowledgeDir, knowledgeDirs: [teamDir], stats });
  h = await startHarness({}, ctx);
  logReloads(ctx.knowledge, h.log);
  stopWatching = watchKnowledge(ctx.knowledge, h.log);
});
afterAll(async () => {
  stopWatching?.();
  await h?.stop();
  stats?.close();
  fs.rmSync(temp, { recursive: true, force: true });
});

async function command(name: string, options: Parameters<typeof chatInput>[1] = [], o: Parameters<typeof chatInput>[2] = {}) {
  const payload = chatInput(name, options, o);
  h.discord.dispatch('INTERACTION_CREATE', payload);
  return (await h.discord.waitForRequest(isCallback(payload.id))).body;
}

/** Clicks a button on a message the bot sent, as `user`. */
async function click(customId: string, shown: { embeds?: unknown; components?: unknown }, user = USER) {
  const message = { id: '999999999999999990', channel_id: QA_CHANNEL_ID, author: BOT_USER, content: '', embeds: shown.embeds ?? [], components: shown.components ?? [], timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, type: 20, flags: 0 };
  const payload = component(customId, message, { user, channelId: QA_CHANNEL_ID });
  h.discord.dispatch('INTERACTION_CREATE', payload);
  return (await h.discord.waitForRequest(isCallback(payload.id))).body;
}

const ask = (question: string) => command('ask', [{ name: 'question', type: 3, value: question }]);
const explainTitle = async (topic: string) => (await command('explain', [{ name: 'topic', type: 3, value: topic }])).data.embeds?.[0]?.title as string | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('seeing what the bot could not answer', () => {
  it('shows an unanswered /ask and a 👎 vote in /stats and in cli stats --json', async () => {
    const unanswered = 'how do I squash commits during a git rebase';
    expect((await ask(unanswered)).data.content).toMatch(/no notes/);

    const answered = 'what does 0.0.0.0 mean';
    const topic = search(ctx.index, answered).answer!.id; // whichever topic answers it, the card must name that one
    const answer = await ask(answered);
    const votes = answer.data.components.at(-1).components;
    expect(votes.map((b: { label: string }) => b.label)).toEqual(['👍', '👎']);
    const down = votes[1].custom_id as string;
    expect(down).toMatch(/^vote:down:\d+$/);
    // One vote per person, which they may change; each click is answered privately.
    const first = await click(down, answer.data, OTHER_USER);
    expect(first.data).toMatchObject({ flags: 64 });
    expect(first.data.content).toMatch(/noted 👎/);
    expect((await click(down, answer.data, OTHER_USER)).data.content).toMatch(/already voted 👎/);
    expect((await click(votes[0].custom_id, answer.data, OTHER_USER)).data.content).toMatch(/Changed your vote to 👍/);
    expect((await click(down, answer.data, OTHER_USER)).data.content).toMatch(/Changed your vote to 👎/);

    const card = await command('stats');
    expect(card.data.flags & 64).toBe(64);
    const fields = Object.fromEntries(card.data.embeds[0].fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(fields['Unanswered or 👎 questions']).toContain('squash commits during a git rebase');
    expect(fields['Unanswered or 👎 questions']).toContain('what does 0.0.0.0 mean');
    expect(fields['Top topics (helpful rate)']).toContain(`\`${topic}\` — 1× · 👍 0 👎 1 · helpful 0%`);

    const { stdout } = await runCli(['stats', '--json'], { DATA_DIR: dataDir });
    const summary = JSON.parse(stdout);
    expect(summary.votes).toEqual({ up: 0, down: 1 });
    expect(summary.outcomes.silent).toBeGreaterThanOrEqual(1);
    expect(summary.unansweredOrDownvoted).toEqual(expect.arrayContaining([expect.objectContaining({ question: unanswered, silent: 1 }), expect.objectContaining({ question: 'what does 0.0.0.0 mean', downvoted: 1 })]));
    expect(summary.topics).toEqual(expect.arrayContaining([{ id: topic, answered: 1, up: 0, down: 1, helpfulRate: 0 }]));
  }, 30_000);

  it('puts 👍/👎 beside the delete button on a channel answer', async () => {
    const question = userMessage('what is a port number', { channelId: QA_CHANNEL_ID });
    h.discord.dispatch('MESSAGE_CREATE', question);
    const answer = await h.discord.waitForRequest((r) => r.body?.message_reference?.message_id === question.id);
    const row = answer.body.components.at(-1).components.map((b: { custom_id: string }) => b.custom_id);
    expect(row).toEqual([`answer:delete:${USER.id}`, expect.stringMatching(/^vote:up:\d+$/), expect.stringMatching(/^vote:down:\d+$/)]);
  });
});

describe('teaching it without a restart', () => {
  it('serves an edited topic file within 2 s', async () => {
    const file = path.join(knowledgeDir, 'localhost.md');
    const title = ctx.kb.byId.get('localhost')!.title.en;
    expect(await explainTitle('localhost')).toBe(title);
    const edited = `${title} (edited by the team)`;
    const saved = Date.now();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(title, edited));
    let seen = await explainTitle('localhost');
    while (seen !== edited && Date.now() - saved < 5000) {
      await sleep(50);
      seen = await explainTitle('localhost');
    }
    expect(seen).toBe(edited);
    expect(Date.now() - saved).toBeLessThan(2000);
  });

  it('keeps answering from the old knowledge when an edit is broken, and logs the file', async () => {
    const file = path.join(knowledgeDir, 'localhost.md');
    const good = fs.readFileSync(file, 'utf8');
    const before = await explainTitle('localhost');
    const logged = h.logs.length;
    fs.writeFileSync(file, good.replace(/^title:/m, 'title: [unclosed\ntitle:'));
    const deadline = Date.now() + 5000;
    while (!h.logs.slice(logged).some((l) => l.includes('reload failed')) && Date.now() < deadline) await sleep(50);
    const failure = h.logs.slice(logged).find((l) => l.includes('reload failed'));
    expect(failure).toMatch(/ERROR knowledge reload failed, still serving the previous knowledge/);
    expect(failure).toMatch(/localhost\.md: front matter is not valid YAML.*\(line \d+\)/);
    expect(await explainTitle('localhost')).toBe(before);

    // /reload says the same to the person who asked for it, privately.
    const refused = await command('reload');
    expect(refused.data.flags & 64).toBe(64);
    expect(refused.data.embeds[0].title).toMatch(/Not reloaded/);
    expect(refused.data.embeds[0].description).toMatch(/localhost\.md: front matter is not valid YAML.*\(line \d+\)/);

    fs.writeFileSync(file, good);
    await sleep(400); // let the watch's own reload pass first
    expect((await command('reload')).data.content).toMatch(/Knowledge reloaded: \d+ topics/);
  });
});

describe("the team's own knowledge", () => {
  it('answers, autocompletes and counts a topic from a KNOWLEDGE_DIRS folder', async () => {
    const answer = await ask('which port is the staging db on');
    expect(answer.data.embeds[0].title).toBe('Our staging database');
    const typed = autocomplete('explain', [{ name: 'topic', type: 3, value: 'stagin', focused: true }]);
    h.discord.dispatch('INTERACTION_CREATE', typed);
    expect((await h.discord.waitForRequest(isCallback(typed.id))).body.data.choices[0]).toMatchObject({ value: 'staging-db' });
    expect(stats.summary().topics).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'staging-db', answered: 1 })]));
  });
});
