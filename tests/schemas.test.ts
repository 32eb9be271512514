import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTopic } from '../src/knowledge/load.ts';
import { loadServices } from '../src/ports/services.ts';

/** What the schemas add beyond the messages the older tests pin down (config, knowledge-load, loud-errors). */

const topic = (extra: string) => `---
id: sample
title: { en: Sample, ko: 예시 }
summary: { en: A sample topic., ko: 예시 주제입니다. }
aliases: { en: [sample], ko: [예시] }
keywords: { en: [example], ko: [보기] }
related:
${extra}
---
# English
Body.

# 한국어
본문.
`;

const parse = (source: string, file = 'sample.md') => {
  const problems: string[] = [];
  return { topic: parseTopic(source, file, problems), problems };
};

describe('topic front matter schema', () => {
  it('reads an empty "related:" as no related topics, and trims every text', () => {
    const { topic: read, problems } = parse(topic('sources: ["  https://example.org/doc  "]'));
    expect(problems).toEqual([]);
    expect(read).toMatchObject({ id: 'sample', parent: null, related: [], sources: ['https://example.org/doc'] });
  });

  it('accepts optional examples in both languages, checked like keywords', () => {
    expect(parse(topic('examples: { en: [how do I see a sample answer], ko: [예시 답변 보여줘] }')).problems).toEqual([]);
    expect(parse(topic('examples: [just one list]')).problems).toEqual(['"examples" must have "en" and/or "ko" lists of example questions']);
    expect(parse(topic('examples: { en: [""], ko: [] }')).problems).toEqual(['"examples.en" entry 1 must be a non-empty text']);
  });

  it('reports every problem of a file at once, the misplaced id included', () => {
    const { topic: read, problems } = parse(topic('colour: red').replace('summary: { en: A sample topic., ko: 예시 주제입니다. }', 'summary: { en: " " }'), 'elsewhere.md');
    expect(read).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unknown field "colour" \(allowed: id, title, summary, aliases, keywords, examples, related, sources, overrides\)$/),
        '"summary.en" must be a non-empty text',
        '"summary.ko" must be a non-empty text',
        'id "sample" must live in sample.md',
      ]),
    );
    expect(problems).toHaveLength(4);
  });
});

describe('services file schema', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const problemsIn = (yaml: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'services-'));
    dirs.push(dir);
    const file = path.join(dir, 'services.yaml');
    fs.writeFileSync(file, yaml);
    try {
      loadServices(file);
    } catch (error) {
      return (error as Error).message.split('\n').slice(1).map((line) => line.replace(/^\s+- .*services\.yaml:/, ''));
    }
    throw new Error('expected the services file to be rejected');
  };

  it('names each problem of an entry once, with its line, all entries at once', () => {
    expect(problemsIn('- { port: 20, protocol: tcp, name: A, en: a, ko: 가, colour: red }\n- { port: 21, protocol: tcpx, en: a, note_en: x }\n- just text\n')).toEqual([
      '1: entry 1: unknown field "colour"',
      '2: entry 2: "protocol" must be tcp, udp or both',
      '2: entry 2: "name", "en" and "ko" are required texts',
      '2: entry 2: give both note_en and note_ko, or neither',
      '3: entry 3: must be a set of "key: value" fields',
    ]);
  });

  it('reads a range and the for_apps flag', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'services-'));
    dirs.push(dir);
    const file = path.join(dir, 'services.yaml');
    fs.writeFileSync(file, '- { ports: 30000-30002, protocol: tcp, name: NodePort, en: a, ko: 가 }\n- { port: 5000, protocol: tcp, name: Flask, en: b, ko: 나, for_apps: true }\n');
    const table = loadServices(file);
    expect(table.get(30001)).toMatchObject({ port: 30000, range: [30000, 30002], forApps: false, note: null });
    expect(table.get(5000)).toMatchObject({ range: null, forApps: true, description: { en: 'b', ko: '나' } });
  });
});
