import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, GATE } from '../src/knowledge/gate.ts';
import { KnowledgeHolder, watchKnowledge } from '../src/knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from '../src/knowledge/load.ts';
import { buildPhrasing, matchPhrasing, OFF_TOPIC, questionVector, rawFeatures } from '../src/knowledge/phrasing.ts';
import { classify, trainClassifier } from '../src/knowledge/phrasing-classifier.ts';
import { evidenceFor, search } from '../src/knowledge/search.ts';
import { buildIndex } from '../src/knowledge/search-index.ts';
import { createLogger } from '../src/log.ts';
import { evidenceWith } from './helpers/gate-evidence.ts';
import { tempFolder } from './helpers/temp-folder.ts';

/** A private copy of the built-in knowledge, so a test can edit its phrasing files. */
function knowledgeCopy(): string {
  const dir = tempFolder('kb-phrasing-');
  fs.cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

const problemsOf = (dir: string): string => {
  try {
    loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems.join('\n');
    throw error;
  }
  return '';
};

const append = (file: string, lang: 'en' | 'ko', line: string) => {
  // A second `en:` key would be a YAML error: the line goes at the end of the file's list for that language.
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(`${lang}:\n`);
  const next = text.indexOf('\n', at + 4);
  fs.writeFileSync(file, `${text.slice(0, next + 1)}  - ${JSON.stringify(line)}\n${text.slice(next + 1)}`);
};

let built: ReturnType<typeof buildIndex> | undefined;
const loadedIndex = () => (built ??= buildIndex(loadKnowledge()));

describe('phrasing examples (knowledge/phrasing/)', () => {
  const kb = loadKnowledge();

  it('are loaded for every topic, in both languages, with the questions not to answer', () => {
    const labels = new Set(kb.phrasing!.map((p) => p.label));
    for (const topic of kb.topics) expect(labels, topic.id).toContain(topic.id);
    expect(labels).toContain(OFF_TOPIC);
    for (const topic of kb.topics) {
      const texts = kb.phrasing!.filter((p) => p.label === topic.id).map((p) => p.text);
      expect(texts.some((t) => /[\uAC00-\uD7A3]/.test(t)), `${topic.id} has Korean examples`).toBe(true);
      expect(texts.some((t) => !/[\uAC00-\uD7A3]/.test(t)), `${topic.id} has English examples`).toBe(true);
    }
  });

  it('name the file and line of every problem, and load nothing then', () => {
    const dir = knowledgeCopy();
    fs.writeFileSync(path.join(dir, 'phrasing/no-such-topic.yaml'), 'en:\n  - where is it\n');
    fs.writeFileSync(path.join(dir, 'phrasing/ports/workers.yaml'), 'en:\n  - fine question\n  - ""\nfr:\n  - bonjour\n');
    fs.writeFileSync(path.join(dir, 'phrasing/lan-ip.yaml'), 'en: [unclosed\n');
    const problems = problemsOf(dir);
    expect(problems).toMatch(/phrasing\/no-such-topic\.yaml: no topic "no-such-topic"/);
    expect(problems).toMatch(/phrasing\/ports\/workers\.yaml: line 3: each "en" entry must be a non-empty question/);
    expect(problems).toMatch(/phrasing\/ports\/workers\.yaml: line 4: unknown key "fr"/);
    expect(problems).toMatch(/phrasing\/lan-ip\.yaml: line \d+:/);
  });

  it('judge a topic with fewer examples than the nearest three on those it has', () => {
    const model = buildPhrasing([
      { text: 'staging db password rotation schedule', label: 'team/staging-db' },
      ...['what is a port', 'port number meaning', 'why do servers need ports'].map((text) => ({ text, label: 'ports' })),
    ]);
    const [match] = matchPhrasing(model, 'staging db password rotation schedule');
    expect(match).toMatchObject({ label: 'team/staging-db' });
    expect(match!.similarity).toBeGreaterThan(0.99);
  });

  it("do not answer a question of unknown subjects that no topic's terms match, however near an example", () => {
    for (const question of ['tried chrome', 'zero ppl', 'box hers pcs actual terraform']) {
      expect(search(loadedIndex(), question).answer, question).toBeNull();
    }
  });

  it("do not overrule a team's topic that has no examples to compare", () => {
    const team = path.join(import.meta.dirname, 'fixtures/team-knowledge');
    const holder = new KnowledgeHolder({ dir: DEFAULT_KNOWLEDGE_DIR, extraDirs: [team] });
    expect(search(holder.current.index, 'staging db connection refused').answer?.id).toBe('staging-db');
    // Nor switched by the classifier, which never saw it: unknown to it is not unlikely.
    expect(search(holder.current.index, 'which port number does the staging postgres database server listen on').answer?.id).toBe('staging-db');
  });

  it('keep each example by row exactly as by column, the rows in two shared buffers', () => {
    const model = buildPhrasing([
      { text: 'port already in use', label: 'port-conflict' },
      { text: '포트가 이미 사용 중', label: 'port-conflict' },
      { text: 'what does 0.0.0.0 mean', label: 'bind-addresses' },
      { text: 'nice weather today', label: OFF_TOPIC },
    ]);
    const byColumn = model.featuresOf.map(() => new Map<number, number>());
    for (let f = 0; f + 1 < model.start.length; f++) {
      for (let at = model.start[f]!; at < model.start[f + 1]!; at++) byColumn[model.example[at]!]!.set(f, model.weight[at]!);
    }
    model.featuresOf.forEach((features, i) => {
      expect([...features]).toEqual([...byColumn[i]!.keys()].sort((a, b) => a - b));
      expect([...model.weightsOf[i]!]).toEqual([...features].map((f) => byColumn[i]!.get(f)));
    });
    expect(new Set(model.featuresOf.map((row) => row.buffer)).size).toBe(1);
    expect(new Set(model.weightsOf.map((row) => row.buffer)).size).toBe(1);
  });

  it('read Korean the same with or without spaces', () => {
    const pairs = (text: string) => [...rawFeatures(text).keys()].filter((f) => f.startsWith('h:')).sort();
    expect(pairs('방화벽 포트 여는 법')).toEqual(pairs('방화벽포트여는법'));
    const model = buildPhrasing([
      { text: '우분투 방화벽에서 포트 여는 법', label: 'security/firewall' },
      { text: '포트 번호가 뭐예요', label: 'ports' },
    ]);
    expect(matchPhrasing(model, '우분투방화벽포트열기')[0]?.label).toBe('security/firewall');
  });

  it('count one shared name as too little to answer on: the words must be shared too', () => {
    const model = buildPhrasing([{ text: 'what even is flask, is it like django but smaller', label: 'flask' }]);
    const [match] = matchPhrasing(model, 'django orm migration');
    expect(match!.similarity).toBeGreaterThan(0);
    expect(match!.shared).toBeLessThan(GATE.phrasingShared);
    const evidence = evidenceWith({
      topic: 'flask', support: 0.5, knownWeight: 3, specific: 1, margin: 0.5, phrasedSimilarity: 0.6, phrasedShared: match!.shared, topicSimilarity: 0.6,
      phrasedProbability: 0.1, topicProbability: 0.1, offTopicProbability: 0.5, phrasedLabelProbability: 0.1, topicLabelProbability: 0.1, likeliestProbability: 0.1,
    });
    expect(decide(evidence).outcome).not.toBe('answer');
    expect(decide({ ...evidence, phrasedShared: GATE.phrasingShared }).outcome).toBe('answer');
    expect(decide({ ...evidence, phrasedShared: GATE.phrasingShared, offTopicSimilarity: 0.59 }).outcome).not.toBe('answer');
  });

  it('let the examples overrule the term rules only for a topic the terms also rank near the top', () => {
    const rules = evidenceWith({
      topic: 'bind-all-interfaces', support: 3, knownWeight: 4, named: 3, specific: 3, aliased: true, margin: 0.6,
      phrased: 'wsl', phrasedSimilarity: 0.45, phrasedShared: 3, phrasedRank: 1, topicSimilarity: 0.2, offTopicSimilarity: 0.05,
      phrasedProbability: 0.5, topicProbability: 0.1, offTopicProbability: 0.01, phrasedLabelProbability: 0.3, topicLabelProbability: 0.1,
      likeliest: 'wsl', likeliestProbability: 0.3, words: 8,
    });
    expect(decide(rules)).toMatchObject({ outcome: 'answer', topic: 'wsl' });
    // A topic without examples (a team's own) is not compared, so not overruled.
    expect(decide({ ...rules, topicSimilarity: 0, topicHasExamples: false }).topic).toBe('bind-all-interfaces');
    // What is answered after an overrule is what the questions not to answer are compared with.
    expect(decide({ ...rules, offTopicSimilarity: 0.35 })).toMatchObject({ outcome: 'answer', topic: 'wsl' });
    expect(decide({ ...rules, offTopicSimilarity: 0.7 }).outcome).not.toBe('answer');
    expect(decide({ ...rules, phrasedRank: GATE.phrasingRank }).topic).toBe('bind-all-interfaces');
    expect(decide({ ...rules, topicSimilarity: 0.45 / GATE.phrasingSwitch + 0.01 }).topic).toBe('bind-all-interfaces');
    // A pasted error signature names its topic whatever the examples say; so does a question almost
    // wholly in the topic's own words (rdp port number), two specific ones at least.
    expect(decide({ ...rules, signature: true }).topic).toBe('bind-all-interfaces');
    const wholly = { ...rules, support: 4, knownWeight: 4, specific: 2 };
    expect(decide(wholly)).toMatchObject({ outcome: 'answer', topic: 'bind-all-interfaces' });
    expect(decide({ ...wholly, offTopicSimilarity: 0.9 })).toMatchObject({ outcome: 'answer', topic: 'bind-all-interfaces' });
    expect(decide({ ...wholly, specific: 1, offTopicSimilarity: 0.9 }).outcome).not.toBe('answer');
  });

  it('let an editor teach a phrasing, or a question not to answer, with a line or two and a reload', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const question = 'printable port list';
    expect(search(holder.current.index, question).answer).toBeNull();
    append(path.join(dir, 'phrasing/well-known-ports.yaml'), 'en', 'is there a printable list of the usual ports');
    expect(await holder.reload()).toMatchObject({ ok: true });
    expect(search(holder.current.index, question).answer?.id).toBe('well-known-ports');

    // A near miss the term rules answer (Flask's topic names render_template and templates).
    const nearMiss = 'render_template cannot find my html template folder';
    expect(search(holder.current.index, nearMiss).answer?.id).toBe('flask');
    append(path.join(dir, 'phrasing/off-topic.yaml'), 'en', 'TemplateNotFound: index.html, flask cannot find my templates folder');
    append(path.join(dir, 'phrasing/off-topic.yaml'), 'en', 'render_template says the html file does not exist but it is in the folder');
    expect(await holder.reload()).toMatchObject({ ok: true });
    expect(search(holder.current.index, nearMiss).answer).toBeNull();
  });

  it('are learnt again only when they change: a reload after a topic\'s text is edited reuses what was learnt', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current.index;
    const file = path.join(dir, 'localhost.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('**What it is**', '**What it is, in short**'));
    expect(await holder.reload()).toMatchObject({ ok: true });
    expect(holder.current.index).not.toBe(before);
    expect(holder.current.index.phrasing).toBe(before.phrasing);
    expect(holder.current.index.classifier).toBe(before.classifier);
    append(path.join(dir, 'phrasing/ports.yaml'), 'en', 'which number goes after the colon in a url');
    expect(await holder.reload()).toMatchObject({ ok: true });
    expect(holder.current.index.phrasing).not.toBe(before.phrasing);
    expect(holder.current.index.classifier).not.toBe(before.classifier);
  });

  it('are reloaded when a phrasing file is saved, like a topic file', async () => {
    const dir = knowledgeCopy();
    const holder = new KnowledgeHolder({ dir, extraDirs: [] });
    const before = holder.current;
    const stop = watchKnowledge(holder, createLogger('silent'), 50);
    try {
      append(path.join(dir, 'phrasing/ports.yaml'), 'en', 'what is the number after the colon in an address');
      const deadline = Date.now() + 5000;
      while (holder.current === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(holder.current).not.toBe(before);
      expect(holder.current.kb.phrasing!.some((p) => p.text === 'what is the number after the colon in an address')).toBe(true);
    } finally {
      stop();
    }
  });
});

describe('the phrasing classifier (phrasing-classifier.ts)', () => {
  const examples = [
    ...['which port does postgres use', 'default port for redis?', 'what port is ssh on', 'mysql default port number'].map((text) => ({ text, label: 'well-known-ports' })),
    ...['how do i find what is using port 8080', 'something already took port 3000, how do i see what', 'port busy, which process has it'].map((text) => ({ text, label: 'port-conflict' })),
    ...['postgres query is slow, which index', 'mysql replication lag keeps growing', 'redis cluster failover settings'].map((text) => ({ text, label: OFF_TOPIC })),
  ];
  const model = buildPhrasing(examples);

  it('learns which words tell the labels apart, the same way every time', () => {
    const first = trainClassifier(model);
    expect(trainClassifier(model).weights).toEqual(first.weights);
    const p = (text: string) => Object.fromEntries(model.labels.map((l, i) => [l, classify(first, questionVector(model, text))[i]!]));
    const port = p('what is the default port for mysql');
    expect(Object.values(port).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(port['well-known-ports']).toBeGreaterThan(0.5);
    // The same names, asked about something we do not cover: the questions not to answer.
    const off = p('mysql index for a slow query');
    expect(off[OFF_TOPIC]).toBeGreaterThan(off['well-known-ports']!);
    expect(p('which process is using port 5000')['port-conflict']).toBeGreaterThan(0.5);
  });

  it('learns every label\'s prior, so a label with two examples among many can still be the likeliest', () => {
    // Among the thousands of built-in examples: a team topic's two.
    const builtIn = loadKnowledge().phrasing ?? [];
    const few = buildPhrasing([...builtIn, { text: 'where does the staging billing queue live', label: 'billing-queue' }, { text: 'billing queue host on staging?', label: 'billing-queue' }]);
    const p = classify(trainClassifier(few), questionVector(few, 'where does the staging billing queue live'));
    const likeliest = few.labels[p.indexOf(Math.max(...p))];
    expect(likeliest).toBe('billing-queue');
  });

  it('answers what the rules leave open only when confident, clear of the questions not to answer, and with few unknown subjects', () => {
    const open = evidenceWith({
      topic: 'flask', support: 0.6, knownWeight: 3, unknownWeight: 3, named: 1, specific: 1, margin: 0.1, rival: 'ports',
      phrasedSimilarity: 0.15, phrasedShared: 1, topicSimilarity: 0.15, offTopicSimilarity: 0.1,
      phrasedProbability: GATE.classifiedAnswer, topicProbability: GATE.classifiedAnswer, offTopicProbability: GATE.classifiedOff,
      phrasedLabelProbability: GATE.classifiedAnswer, topicLabelProbability: GATE.classifiedAnswer, likeliestProbability: GATE.classifiedAnswer, words: 8,
    });
    expect(decide(open)).toMatchObject({ outcome: 'answer', topic: 'flask' });
    expect(decide(open).reasons.join(' ')).toContain('phrasing classifier');
    expect(decide({ ...open, phrasedProbability: GATE.classifiedAnswer - 0.01 }).outcome).not.toBe('answer');
    expect(decide({ ...open, offTopicProbability: GATE.classifiedOff + 0.01 }).outcome).not.toBe('answer');
    expect(decide({ ...open, foreign: 1, foreignShare: GATE.classifiedUnseenShare + 0.01, unseenShare: GATE.classifiedUnseenShare + 0.01 }).outcome).not.toBe('answer');
    // Unknown subjects that examples have, the classifier has weighed: they do not block it.
    expect(decide({ ...open, foreign: 2, foreignShare: 0.5, unseenShare: 0 }).outcome).toBe('answer');
  });
  it('narrows the rules\' answer to a sub-topic it is sure of, quoted error or not, but never to another family', () => {
    const parent = evidenceWith({
      topic: 'bind-all-interfaces', support: 6, knownWeight: 6, named: 4, specific: 4, margin: 0.8, rival: 'localhost/containers',
      likeliest: 'bind-all-interfaces/docker', likeliestProbability: GATE.classifiedRefine, topicProbability: 0.95, phrasedProbability: 0.95, words: 6,
    });
    // Even a question wholly in the parent's words (the keep rule) narrows to the sub-topic.
    expect(decide(parent)).toMatchObject({ outcome: 'answer', topic: 'bind-all-interfaces/docker' });
    expect(decide({ ...parent, likeliestProbability: GATE.classifiedRefine - 0.01 }).topic).toBe('bind-all-interfaces');
    // A quoted error signature names the family, and the sub-topic is in it.
    expect(decide({ ...parent, signature: true }).topic).toBe('bind-all-interfaces/docker');
    expect(decide({ ...parent, likeliest: 'localhost/containers' }).topic).toBe('bind-all-interfaces');
  });
  it('answers what the rules leave open with its likeliest topic, when sure and the blend ranks it near the top', () => {
    const open = evidenceWith({
      topic: 'localhost/containers', support: 1.5, knownWeight: 3, unknownWeight: 8, named: 1, specific: 1, margin: 0.27, rival: 'lan-ip',
      phrasedProbability: 0.02, topicProbability: 0.02, offTopicProbability: GATE.classifiedOff,
      likeliest: 'flask', likeliestProbability: GATE.classifiedSwitch, likeliestRank: GATE.classifiedSwitchRank - 1, words: 6,
    });
    expect(decide(open)).toMatchObject({ outcome: 'answer', topic: 'flask' });
    expect(decide(open).reasons.join(' ')).toContain('flask');
    expect(decide({ ...open, likeliestProbability: GATE.classifiedSwitch - 0.01 }).outcome).not.toBe('answer');
    expect(decide({ ...open, likeliestRank: GATE.classifiedSwitchRank }).outcome).not.toBe('answer');
    expect(decide({ ...open, offTopicProbability: GATE.classifiedOff + 0.01 }).outcome).not.toBe('answer');
    expect(decide({ ...open, foreign: 2, foreignShare: 0.4, unseenShare: GATE.classifiedUnseenShare + 0.01 }).outcome).not.toBe('answer');
  });
  it('counts as unseen only the unknown subjects no example has', () => {
    const question = 'how do i put zorblax in front of my flask app on port 8080';
    const before = evidenceFor(loadedIndex(), question)!;
    expect(before.foreign).toBeGreaterThan(0);
    expect(before.unseenShare).toBe(before.foreignShare);
    const dir = knowledgeCopy();
    append(path.join(dir, 'phrasing/off-topic.yaml'), 'en', 'our zorblax cluster keeps restarting pods');
    const after = evidenceFor(buildIndex(loadKnowledge(dir)), question)!;
    // Still unknown to the knowledge, but no longer unseen by the classifier.
    expect(after.foreign).toBe(before.foreign);
    expect(after.unseenShare).toBeLessThan(before.unseenShare);
  });
  it('withdraws the rules\' answer when it is all but sure the question is one not to answer', () => {
    // Answered by the rules on the topic's words, nowhere near its examples in the classifier's eyes.
    const answered = evidenceWith({
      topic: 'flask', support: 4, knownWeight: 5, unknownWeight: 1, named: 2, specific: 2, margin: 0.6, rival: 'ports',
      phrasedSimilarity: 0.2, topicSimilarity: 0.2, offTopicSimilarity: 0.1,
      phrasedProbability: GATE.classifiedVetoFamily, topicProbability: GATE.classifiedVetoFamily, offTopicProbability: GATE.classifiedVeto, words: 4,
    });
    expect(decide(answered).outcome).not.toBe('answer');
    expect(decide(answered).reasons.join(' ')).toContain('not to answer');
    expect(decide({ ...answered, offTopicProbability: GATE.classifiedVeto - 0.01 }).outcome).toBe('answer');
    expect(decide({ ...answered, topicProbability: GATE.classifiedVetoFamily + 0.01 }).outcome).toBe('answer');
    // A quoted error signature, and a team's topic the classifier never saw, keep their answer.
    expect(decide({ ...answered, signature: true }).outcome).toBe('answer');
    expect(decide({ ...answered, topicHasExamples: false }).outcome).toBe('answer');
  });
  it('puts its likeliest topic in place of the answer only in a sentence, near the top of the blend, against an unlikely answer', () => {
    const answered = evidenceWith({
      topic: 'lan-ip', support: 4, knownWeight: 6, unknownWeight: 2, named: 2, specific: 2, margin: 0.5, rival: 'security',
      phrasedSimilarity: 0.3, phrasedShared: 2, topicSimilarity: 0.3, offTopicSimilarity: 0.1,
      phrasedProbability: 0.1, topicProbability: 0.1, offTopicProbability: 0.01, phrasedLabelProbability: 0.1, topicLabelProbability: 0.1,
      likeliest: 'security/firewall', likeliestProbability: 0.8, likeliestRank: 1, words: GATE.classifiedSwitchWords,
    });
    expect(decide(answered)).toMatchObject({ outcome: 'answer', topic: 'security/firewall' });
    // A few keywords are the term rules' ground; a quoted error names its topic; a far-ranked or unsure likeliest does not switch.
    expect(decide({ ...answered, words: GATE.classifiedSwitchWords - 1 }).topic).toBe('lan-ip');
    expect(decide({ ...answered, signature: true }).topic).toBe('lan-ip');
    expect(decide({ ...answered, likeliestRank: GATE.classifiedSwitchRank }).topic).toBe('lan-ip');
    expect(decide({ ...answered, likeliestProbability: GATE.classifiedSwitch - 0.01 }).topic).toBe('lan-ip');
    expect(decide({ ...answered, topicLabelProbability: GATE.classifiedSwitchFrom + 0.01 }).topic).toBe('lan-ip');
    expect(decide({ ...answered, offTopicProbability: GATE.classifiedOff + 0.01 }).topic).toBe('lan-ip');
    // A team's topic without examples is unknown to the classifier, not unlikely.
    expect(decide({ ...answered, topicHasExamples: false, topicLabelProbability: 0 }).topic).toBe('lan-ip');
  });
  it('says nothing when it was never shown questions not to answer (no off-topic.yaml)', () => {
    const question = 'our lead wants the new admin page built with flask, what is that exactly';
    const withOff = evidenceFor(buildIndex(loadKnowledge()), question)!;
    expect(withOff.likeliestProbability).toBeGreaterThan(0);
    const dir = knowledgeCopy();
    fs.rmSync(path.join(dir, 'phrasing/off-topic.yaml'));
    const without = evidenceFor(buildIndex(loadKnowledge(dir)), question)!;
    expect(without).toMatchObject({ phrasedProbability: 0, topicProbability: 0, likeliestProbability: 0, offTopicProbability: 0 });
  });
});
