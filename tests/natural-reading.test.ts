import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, normalize } from '../src/knowledge/analyze.ts';
import { decide, GATE } from '../src/knowledge/gate.ts';
import { KnowledgeError, loadKnowledge } from '../src/knowledge/load.ts';
import { loadLoanwords } from '../src/knowledge/loanwords.ts';
import { quietPaste } from '../src/knowledge/paste.ts';
import { readQuery } from '../src/knowledge/query.ts';
import { buildIndex } from '../src/knowledge/search-index.ts';
import { explainSearch, search } from '../src/knowledge/search.ts';
import { evidenceWith } from './helpers/gate-evidence.ts';

/** Gate evidence with no phrasing examples near: the rules on terms alone decide. */
const NO_PHRASING = { phrased: 'none', likeliest: 'none' };
const index = buildIndex(loadKnowledge());
const answer = (q: string) => search(index, q).answer?.id ?? null;
const family = (id: string | null) => id?.split('/')[0] ?? null;
const terms = (q: string) => analyze(q).map((t) => t.term);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'natural-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

describe('reading real text', () => {
  it('undoes contractions, straight and curly, leaving no fragment behind', () => {
    expect(terms("port 8080 won't bind")).toEqual(terms('port 8080 will not bind'));
    expect(terms('it’s bound, can’t connect, doesn`t work')).not.toContain('ca');
    for (const q of ["won't", 'can’t', "doesn't", 'it’s', "server's"]) expect(terms(q).some((t) => t.length === 1 || ['won', 'ca', 'doesn'].includes(t)), q).toBe(false);
  });

  it('folds full-width and compatibility forms (NFKC) but keeps compatibility jamo for initial-consonant search', () => {
    expect(terms('ＥＡＤＤＲＩＮＵＳＥ')).toEqual(['eaddrinuse']);
    expect(normalize('ㅍㅌ')).toBe('ㅍㅌ');
    expect(analyze('ㅍㅌ')[0]?.kind).toBe('choseong');
  });

  it('strips zero-width characters inside words', () => {
    expect(terms('fl\u200Bask lo\u200Dcal\uFEFFhost')).toEqual(terms('flask localhost'));
  });

  it('reads English written in Hangul through the loanword table, with particles and in compounds', () => {
    const readings = (q: string) => readQuery(index, q).flatMap((w) => w.readings.map((r) => r.term));
    expect(readings('레디스가')).toContain('redis');
    expect(readings('포트킬')).toEqual(expect.arrayContaining(['kill']));
    expect(family(answer('플라스크가 뭐예요'))).toBe('flask');
  });

  it('reads a pasted traceback by its error line: paths, stack frames and unknown numbers weigh nothing', () => {
    const trace = 'File "/usr/lib/python3.11/socketserver.py", line 466, in server_bind\n    at Server.listen (node:net:1817:16) OSError: [Errno 98] Address already in use';
    expect(quietPaste(trace)).not.toMatch(/socketserver|node:net|usr/);
    expect(quietPaste(trace)).toContain('Address already in use');
    // Numbers that carry meaning stay: a list of ports and an address range are not paths.
    expect(quietPaste('ports 22/80/443 and 10.0.0.0/8')).toBe('ports 22/80/443 and 10.0.0.0/8');
    const words = readQuery(index, 'pid 48213 at 0x7f3a2c on db01, status 413').map((w) => w.raw);
    expect(words).not.toContain('48213');
    expect(words).not.toContain('0x7f3a2c');
    expect(words).not.toContain('db01');
    // A short number may be the subject (an HTTP status), so it still counts.
    expect(words).toContain('413');
  });

  it('weighs an unknown casual Korean ending as framing, but an unknown noun fully', () => {
    const weight = (q: string, raw: string) => readQuery(index, q).find((w) => w.raw === raw)!.weight;
    const noun = weight('젠킨스 포트', '젠킨스');
    expect(weight('포트 어케함', '어케함')).toBeLessThan(noun / 2);
    expect(weight('포트 어케됨', '어케됨')).toBeLessThan(noun / 2);
    expect(weight('포트 알려줘야돼', '알려줘야돼')).toBeLessThan(noun / 2);
    // "what is it", casually: 뭐 with a copula ending frames the question like 뭐예요 does.
    for (const what of ['뭐임', '뭐냐', '뭔데', '뭐였지']) expect(readQuery(index, `ctrl+c ${what}`).map((w) => w.raw)).not.toContain(what);
    expect(readQuery(index, '포트 설명좀').map((w) => w.raw)).not.toContain('설명좀');
    expect(family(answer('포트 충돌 어케함'))).toBe('port-conflict');
  });
});

describe('the answer gate', () => {
  it('answers a pasted error signature inside a long story', () => {
    const story =
      'so I pulled the latest main this morning and ran the usual start script, and node printed ' +
      'Error: listen EADDRINUSE: address already in use :::3000 and exited, no idea what else is running';
    expect(family(answer(story))).toBe('port-conflict');
  });

  it('answers an error name and number quoted in a story (errno 98), however long the story', () => {
    const q = 'I keep getting Errno 98 whenever I restart the flask app on our staging box after lunch, no clue what is holding it';
    expect(family(answer(q))).toBe('port-conflict');
    expect(explainSearch(index, q)).toContain('error signature');
  });

  it('stays silent on chatter and near-miss questions that share one familiar word', () => {
    for (const q of ['kafka consumer lag', 'thanks, all good now', 'kubernetes ingress annotations', 'git stash pop conflict', 'css grid gap', 'sql left join duplicates', 'certbot renew keeps failing', 'nginx 413 request entity too large', 'docker image too big']) {
      expect(answer(q), q).toBeNull();
    }
  });

  it('keeps thanks and reports silent: one everyday word (worked, fixed) names no subject', () => {
    for (const q of ['thanks, that worked!', 'thanks, that fixed it', 'that worked, cheers']) expect(answer(q), q).toBeNull();
    // ...while a topic's own alias stays a subject, however common the word (kill).
    expect(family(answer('kill -9 vs kill'))).toBe('port-conflict');
  });

  it('tells everyday story words from unknown subjects (spoken-word frequency, both languages)', () => {
    const foreign = (q: string, raw: string) => readQuery(index, q).find((w) => w.raw === raw)?.foreign ?? false;
    const story = 'honestly my teammate said yesterday something weird happened with terraform on the box';
    expect(foreign(story, 'terraform')).toBe(true);
    expect(foreign(story, 'yesterday')).toBe(false);
    expect(foreign(story, 'weird')).toBe(false);
    const korean = '팀장님이 매번 이걸로 하라는데 회의실 예약 포트';
    expect(foreign(korean, '회의실')).toBe(true);
    expect(foreign(korean, '이걸로')).toBe(false);
    expect(foreign(korean, '매번')).toBe(false);
    // A Korean word that ends like a predicate is how something is said, not a subject.
    expect(foreign('포트 설정 찝찝해서', '찝찝해서')).toBe(false);
    // Casual nominalised endings (들어봄, 나옴) are how it was said, like 함 and 됨.
    expect(foreign('flask가 뭐임? 처음 들어봄', '들어봄')).toBe(false);
    expect(foreign('서버 켜면 에러 계속 나옴', '나옴')).toBe(false);
    // A few everyday words can be the question itself, and keep it unanswered.
    expect(answer('docker image too big')).toBeNull();
  });

  it('answers a question that names its topic by alias and address, around a story, unless an unknown subject competes', () => {
    const story = '어제부터 계속 헷갈리는데 localhost하고 127.0.0.1 둘 다 내 컴퓨터 주소인 거죠? 위키에는 설명이 없더라고요';
    expect(answer(story)).toBe('localhost');
    expect(explainSearch(index, story)).toContain('names localhost (an alias');
    expect(answer('localhost하고 127.0.0.1 말고 terraform 원격 상태 주소는 뭐예요')).toBeNull();
    // The rule itself: each unknown subject word (terraform, 인덱스) needs one more specific word.
    const named = evidenceWith({ ...NO_PHRASING, topic: 'localhost', support: 2, knownWeight: 4, unknownWeight: 6, named: 1, specific: GATE.nameSpecific, aliased: true, margin: 0.9 });
    expect(decide(named).outcome).toBe('answer');
    expect(decide({ ...named, foreign: 1 }).outcome).not.toBe('answer');
    expect(decide({ ...named, foreign: 1, specific: GATE.nameSpecific + 1 }).outcome).toBe('answer');
    expect(decide({ ...named, aliased: false }).outcome).not.toBe('answer');
    expect(decide({ ...named, margin: GATE.nameMargin / 2 }).outcome).not.toBe('answer');
    // An alias said in a question the classifier finds more likely one not to answer (nginx's own config).
    expect(decide({ ...named, offTopicProbability: GATE.nameOff }).outcome).not.toBe('answer');
    expect(decide({ ...named, offTopicProbability: GATE.nameOff - 0.01 }).outcome).toBe('answer');
    expect(decide({ ...named, offTopicProbability: GATE.nameOff }).reasons.join(' ')).toContain('a question not to answer');
    // A team's topic without examples is unknown to the classifier, not unlikely.
    expect(decide({ ...named, offTopicProbability: 1, topicHasExamples: false }).outcome).toBe('answer');
  });


  it('counts an IPv6 literal the topic has as an alias (::1) as two specific words', () => {
    for (const story of ['vite 띄웠더니 터미널에 ::1 이 보이던데 이건 뭔뜻?', 'my terminal shows the dev server bound to ::1 port 3000, what is that address exactly']) {
      expect(answer(story), story).toBe('localhost/ipv6');
      expect(explainSearch(index, story)).toMatch(/names localhost\/ipv6 \(an alias; \d specific words/);
    }
    // Another subject's config that merely says it stays silent.
    expect(answer('redis 설정 파일에 bind ::1 이 있던데 지워도 돼요?')).toBeNull();
  });
  it('decides only on evidence: more support or a clearer margin never turns an answer into silence', () => {
    const base = evidenceWith({ ...NO_PHRASING, topic: 't', support: 2, knownWeight: 3, unknownWeight: 1, named: 2, specific: 2, margin: 0.6 });
    expect(decide(base).outcome).toBe('answer');
    expect(decide({ ...base, support: 0.5 }).outcome).not.toBe('answer');
    expect(decide({ ...base, support: 3 }).outcome).toBe('answer');
    // Many unknown words dilute coverage; several named words with a clear margin still answer.
    const story = { ...base, support: 3, knownWeight: 4, unknownWeight: 12, named: GATE.severalNamed, specific: GATE.severalNamed, margin: 0.9 };
    expect(decide(story).outcome).toBe('answer');
    expect(decide({ ...story, margin: GATE.severalMargin / 2 }).outcome).not.toBe('answer');
  });

  it('explains the decision: words, support, coverage, margin and the rule', () => {
    const text = explainSearch(index, 'EADDRINUSE 3000');
    expect(text).toMatch(/support \d/);
    expect(text).toMatch(/coverage \d/);
    expect(text).toMatch(/rule: margin \d\.\d\d/);
  });
});

describe('editable phrasing', () => {
  it('loads the loanword table and names the file and line of a bad entry', () => {
    expect(loadLoanwords().get('도커')).toBe('docker');
    const file = tempFile('loanwords.yaml', '도커: docker\n레디스: redis\nnot hangul: x\n빈칸:\n');
    try {
      loadLoanwords(file);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      const problems = (error as KnowledgeError).problems.join('\n');
      expect(problems).toContain(`${file}:3:`);
      expect(problems).toContain(`${file}:4:`);
    }
  });

  it('every topic teaches phrasing with example questions in both languages, which the index reads', () => {
    for (const topic of index.kb.topics) {
      expect(topic.examples?.en.length, topic.id).toBeGreaterThan(0);
      expect(topic.examples?.ko.length, topic.id).toBeGreaterThan(0);
    }
    const doc = index.docs.find((d) => d.topic.id === 'ports')!;
    expect(doc.tf.example.size).toBeGreaterThan(0);
  });
});

describe('a pasted socket line (ss, netstat)', () => {
  const line = 'ESTAB 0 0 10.1.2.3:22 10.1.2.9:51514 users:(("sshd",pid=4410,fd=4))';

  it('drops the queue sizes and the pid and fd numbers, keeping the state, addresses and program', () => {
    const quiet = quietPaste(line);
    expect(quiet).not.toMatch(/\b4410\b|fd=|\bESTAB 0 0\b/);
    expect(quiet).toMatch(/ESTAB/);
    expect(quiet).toMatch(/10\.1\.2\.3:22/);
    expect(quiet).toMatch(/sshd/);
    // A short number on its own is still read: it may be what the question is about.
    expect(quietPaste('nginx says 413 for uploads')).toContain('413');
  });

  it('leaves no counter of the listing as an unknown subject of the question', () => {
    const words = readQuery(index, `what do the columns of this ss line say? ${line}`);
    expect(words.filter((w) => w.foreign).map((w) => w.raw)).not.toEqual(expect.arrayContaining(['4410']));
    expect(words.map((w) => w.raw)).not.toContain('4410');
  });

  it('answers how to read one line of ss output with network diagnostics', () => {
    expect(family(answer(`ss 결과 이 줄은 어떻게 봐요? LISTEN 0 511 *:3000 *:* users:(("node",pid=7301,fd=21))`))).toBe('network-diagnostics');
  });
});

describe('everyday words the knowledge does not know, in a story and in a short question', () => {
  const weightOf = (q: string, raw: string) => readQuery(index, q).find((w) => w.raw === raw)?.weight ?? NaN;

  it('weigh less in a long question, where they are its telling, than in a short one, where they may be its subject', () => {
    const long = weightOf('honestly my laptop keeps saying the port is busy whenever i restart the flask app', 'honestly');
    const short = weightOf('honestly port', 'honestly');
    expect(long).toBeGreaterThan(0);
    expect(long).toBeLessThan(short * 0.75);
    // An unknown word that is not everyday speech keeps its weight in a story.
    const subject = 'terraform';
    expect(weightOf(`honestly my laptop keeps saying the port is busy whenever i run ${subject} apply`, subject)).toBe(weightOf(`${subject} port`, subject));
  });
});
