import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/app.ts';
import { KnowledgeHolder, watchKnowledge } from '../src/knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../src/knowledge/load.ts';
import { search } from '../src/knowledge/search.ts';
import { checkKnowledge } from '../src/knowledge-check.ts';
import { createLogger } from '../src/log.ts';
import { runCli, runInProcess } from './helpers/cli.ts';
import { tempFolder } from './helpers/temp-folder.ts';

const TEAM = path.join(import.meta.dirname, 'fixtures/team-knowledge');

const tempDir = (files: Record<string, string> = {}): string => tempFolder('kb-live-', files);
/** A private copy of the built-in knowledge, so tests edit files without touching knowledge/. */
function knowledgeCopy(): string {
  const dir = tempDir();
  fs.cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

const teamTopic = (id: string, extra = '') => fs.readFileSync(path.join(TEAM, 'staging-db.md'), 'utf8').replace('id: staging-db', `id: ${id}${extra}`);
const problemsOf = (load: () => unknown) => {
  try {
    load();
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems.join('\n');
    throw error;
  }
  return '';
};

describe("a team's own knowledge (KNOWLEDGE_DIRS)", () => {
  it('is loaded after the built-in topics, searched and autocompleted like them', () => {
    const ctx = createContext({ knowledgeDirs: [TEAM] });
    expect(ctx.kb.byId.get('staging-db')?.title.en).toBe('Our staging database');
    expect(ctx.kb.byId.get('localhost')).toBeDefined();
    expect(search(ctx.index, 'which port does the staging database listen on').answer?.id).toBe('staging-db');
    expect(search(ctx.index, '스테이징 DB 포트가 뭐야').answer?.id).toBe('staging-db');
    // Named in a longer question: the classifier, which never saw the team's topic, has no say.
    expect(search(ctx.index, 'who should I ask for access to the staging database as a new hire').answer?.id).toBe('staging-db');
    expect(ctx.autocomplete.suggest('stagin', 'en')[0]).toMatchObject({ value: 'staging-db' });
  });

  it('may not reuse an id unless the topic says it overrides it', () => {
    expect(problemsOf(() => loadKnowledge(DEFAULT_KNOWLEDGE_DIR, [tempDir({ 'ports.md': teamTopic('ports').replace('related: [ports]', 'related: []') })]))).toMatch(
      /ports\.md: duplicate topic id "ports" \(also in knowledge\/ports\.md\); to replace that topic, add "overrides: ports" \(line 2\)/,
    );
    const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR, [tempDir({ 'ports.md': teamTopic('ports', '\noverrides: ports').replace('related: [ports]', 'related: []') })]);
    expect(kb.byId.get('ports')?.title.en).toBe('Our staging database');
    expect(kb.topics.filter((t) => t.id === 'ports')).toHaveLength(1);
  });

  it('names an override of nothing, or of another id, as a problem', () => {
    expect(problemsOf(() => loadKnowledge(DEFAULT_KNOWLEDGE_DIR, [tempDir({ 'vpn.md': teamTopic('vpn', '\noverrides: vpn') })]))).toMatch(/vpn\.md: overrides "vpn", but no earlier folder has a topic with that id/);
    expect(problemsOf(() => loadKnowledge(DEFAULT_KNOWLEDGE_DIR, [tempDir({ 'vpn.md': teamTopic('vpn', '\noverrides: ports') })]))).toMatch(/must name this topic's own id "vpn"/);
    expect(problemsOf(() => loadKnowledge(DEFAULT_KNOWLEDGE_DIR, [path.join(os.tmpdir(), 'no-such-team-folder')]))).toMatch(/knowledge folder not found/);
  });
});

describe('reloading', () => {
  it('swaps in the edited knowledge in one step', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current;
    const file = path.join(dir, 'localhost.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(before.kb.byId.get('localhost')!.title.en, 'Loopback, edited'));
    const result = await holder.reload();
    expect(result).toMatchObject({ ok: true, topics: before.kb.topics.length });
    expect(holder.current).not.toBe(before);
    expect(holder.current.kb.byId.get('localhost')?.title.en).toBe('Loopback, edited');
    // Index and autocomplete come from the same generation as the topics.
    expect(holder.current.index.kb).toBe(holder.current.kb);
    expect(before.kb.byId.get('localhost')?.title.en).not.toBe('Loopback, edited');
  });

  it('keeps serving while a reload learns the examples again: timers fire, questions get the old answers, then the new ones', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current;
    const file = path.join(dir, 'phrasing/ports.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^en:\n/m, 'en:\n  - "which number goes after the colon in an address, the one for the program"\n'));
    let ticks = 0;
    let servedOld = 0;
    const timer = setInterval(() => {
      ticks++;
      if (holder.current === before && search(holder.current.index, 'what is a port number').answer?.id === 'ports') servedOld++;
    }, 1);
    try {
      const reloading = holder.reload();
      expect(holder.current).toBe(before); // nothing is swapped until the new snapshot is whole
      expect(await reloading).toMatchObject({ ok: true });
    } finally {
      clearInterval(timer);
    }
    // Run at once, the build (classifier training included, hundreds of milliseconds) would let no timer fire.
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(servedOld).toBeGreaterThanOrEqual(5);
    expect(holder.current).not.toBe(before);
    expect(holder.current.index.phrasing).not.toBe(before.index.phrasing); // the examples were learnt again
  });

  it('runs reloads one after another: one asked during another starts after its swap, from the files as they are then', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const file = path.join(dir, 'localhost.md');
    const original = fs.readFileSync(file, 'utf8');
    const title = holder.current.kb.byId.get('localhost')!.title.en;
    const seen: string[] = [];
    holder.onReload = () => {
      seen.push(holder.current.kb.byId.get('localhost')!.title.en);
      // Saved once the first reload has swapped: the second, asked before, has not started reading yet.
      if (seen.length === 1) fs.writeFileSync(file, original.replace(title, 'Second edit'));
    };
    fs.writeFileSync(file, original.replace(title, 'First edit'));
    const first = holder.reload();
    await new Promise((resolve) => setImmediate(resolve)); // the first has started reading
    const second = holder.reload();
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
    expect(seen).toEqual(['First edit', 'Second edit']);
    expect(holder.current.kb.byId.get('localhost')?.title.en).toBe('Second edit');
  });

  it('shares one reload among those asked before it starts (five /reload clicks make one build)', async () => {
    const holder = new KnowledgeHolder({ dir: knowledgeCopy(), extraDirs: [] });
    let builds = 0;
    holder.onReload = () => builds++;
    const asked = Array.from({ length: 5 }, () => holder.reload());
    const results = await Promise.all(asked);
    expect(builds).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true });
  });

  it('keeps reloading after a listener of reloads (the log) throws', async () => {
    const holder = new KnowledgeHolder({ dir: knowledgeCopy(), extraDirs: [] });
    let calls = 0;
    holder.onReload = () => {
      calls++;
      if (calls === 1) throw new Error('log sink failed once');
    };
    expect(await holder.reload()).toMatchObject({ ok: true });
    const before = holder.current;
    expect(await holder.reload()).toMatchObject({ ok: true });
    expect(holder.current).not.toBe(before);
    expect(calls).toBe(2);
  });

  it('picks up an edit saved while the knowledge was loading, before anything watched it', async () => {
    const dir = knowledgeCopy();
    const loadStarted = Date.now();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current;
    const file = path.join(dir, 'localhost.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(before.kb.byId.get('localhost')!.title.en, 'Loopback, saved mid-load'));
    // Watching from after the edit: no file event comes, only the time the load began tells.
    const unseen = watchKnowledge(holder, createLogger('silent'), 20, Date.now() + 60_000);
    const stop = watchKnowledge(holder, createLogger('silent'), 20, loadStarted);
    try {
      const deadline = Date.now() + 5000;
      while (holder.current === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(holder.current.kb.byId.get('localhost')?.title.en).toBe('Loopback, saved mid-load');
    } finally {
      stop();
      unseen();
    }
  });

  it('does not reload at start when nothing was edited since the load began', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current;
    const stop = watchKnowledge(holder, createLogger('silent'), 20, Date.now() + 1000);
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(holder.current).toBe(before);
    } finally {
      stop();
    }
  });

  it('keeps the old knowledge when an edit is broken, and names the file and line', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current;
    const file = path.join(dir, 'localhost.md');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.splice(3, 0, 'aliases: [unclosed');
    fs.writeFileSync(file, lines.join('\n'));
    const result = await holder.reload();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toMatch(/localhost\.md: front matter is not valid YAML.*\(line \d+\)/);
    expect(holder.current).toBe(before);
    // A problem found after parsing (a related topic that does not exist) names its line too.
    fs.writeFileSync(file, fs.readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, 'localhost.md'), 'utf8').replace(/^related: \[/m, 'related: [no-such-topic, '));
    const related = await holder.reload();
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('related:')) + 1;
    expect(!related.ok && related.problems).toEqual([expect.stringMatching(new RegExp(`localhost\\.md: related topic "no-such-topic" does not exist \\(line ${line}\\)`))]);
    expect(holder.current).toBe(before);
  });
});

describe('the CLI', () => {
  it('lists and answers from KNOWLEDGE_DIRS too', async () => {
    const env = { KNOWLEDGE_DIRS: TEAM };
    expect((await runCli(['topics'], env)).stdout).toMatch(/^staging-db\s+Our staging database$/m);
    expect(JSON.parse((await runCli(['ask', '--json', 'staging db port'], env)).stdout).answer).toBe('staging-db');
  });
});

describe('npm run knowledge:check', () => {
  // In process (the same checkKnowledge `npm run knowledge:check` runs); .ci/run runs the script itself.
  it('passes on the knowledge as it is, team folders included', async () => {
    const { stdout, status } = await runInProcess(checkKnowledge, { KNOWLEDGE_DIRS: TEAM });
    expect(status).toBe(0);
    expect(stdout).toMatch(/knowledge ok: \d+ topics \(built-in and /);
  });

  it('fails naming each broken file and line', async () => {
    const broken = tempDir({ 'vpn.md': teamTopic('vpn').replace('summary:', 'summary: [oops\nsummary:') });
    const failure = await runInProcess(checkKnowledge, { KNOWLEDGE_DIRS: broken });
    expect(failure.status).toBe(1);
    expect(failure.stderr).toMatch(/vpn\.md: front matter is not valid YAML.*\(line \d+\)/);
  });
});
