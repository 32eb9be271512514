import Fuse from 'fuse.js';
import { clipName, LIMITS } from '../replies/limits.ts';
import { hasHangul, isChoseongQuery, qwertyToHangul, toChoseong, toJamo } from './hangul.ts';
import type { SearchIndex } from './search-index.ts';
import { search } from './search.ts';
import type { Lang, Topic } from './topic.ts';

/** An autocomplete choice. Its value has the option's type: a string, or a number for INTEGER and NUMBER options, as Discord requires. */
export interface Choice<Value extends string | number = string> {
  name: string;
  value: Value;
}

/** How a typed text met a name, best first. */
const enum Fit {
  Whole = 0, // the whole name (ㅍㅌ = 포트)
  Start = 1, // the start of the name (loc → localhost)
  Word = 2, // the start of a later word (conflict → port conflict)
  Inside = 3, // initial consonants inside a name (ㅊㄷ in 포트 충돌)
}

/** One way to type a topic's name: Latin in lower case, Korean as jamo, or Korean initial consonants. */
interface Key {
  text: string;
  topic: number;
  fit: Fit.Start | Fit.Word | Fit.Inside;
  /** The name it came from, whole (for Fit.Whole and for ranking the shorter name first). */
  name: string;
  /** The topic's id, title or first alias, rather than one of its other aliases. */
  primary: boolean;
}

interface Hit {
  topic: number;
  fit: Fit;
  primary: boolean;
  length: number;
}

interface NameHead {
  head: string;
  topics: number[];
}

/** A name's head is the typed length plus this many letters, so a dropped or doubled letter still fits. */
const FUZZY_SLACK = 2;
/** fuse.js's bitap handles patterns up to 32 letters. */
const MAX_FUZZY_LENGTH = 32;
/** fuse.js score (0 exact, 1 anything) a fuzzy hit must beat: about one slip in three letters. */
const FUZZY_THRESHOLD = 0.34;

/** Questions whose search results are remembered (least recently used forgotten first). */
const SEARCH_CACHE_SIZE = 256;

/** Prefix hits at least this many: the user is typing a name we know, so no fuzzy pass is needed. */
const ENOUGH_PREFIX_HITS = 5;

/**
 * Topic suggestions while the user types /explain, for every keystroke, so it must be cheap:
 * 1. a sorted prefix index over every name of every topic (id, titles, aliases, both languages;
 *    Korean as jamo so a half-typed syllable still matches; initial consonants, ㅍㅌ), ranked by how
 *    well the text fits (a whole name first);
 * 2. fuse.js over the same small list of names for slips (포투 → 포트, firewal), only when the
 *    prefixes found few topics, bounded to the start of names;
 * 3. the full search, when the text reads as a question (several words: searched by its finished
 *    words) or nothing else matched.
 */
export class TopicAutocomplete {
  private readonly topics: Topic[];
  private readonly keys: Key[] = [];
  private readonly choseongKeys: Key[] = [];
  /** fuse.js over names' heads, one small list per first letter and typed length (see fuzzyHits); bounded by the names, not the input. */
  private readonly fuzzyBuckets = new Map<string, Fuse<NameHead>>();
  private readonly defaults: Topic[];
  private readonly searchCache = new Map<string, number[]>();

  constructor(private readonly index: SearchIndex) {
    this.topics = index.kb.topics;
    this.topics.forEach((topic, i) => {
      const names = [
        [topic.id, topic.title.en, topic.aliases.en[0]],
        [topic.title.ko, topic.aliases.ko[0]],
        topic.aliases.en.slice(1),
        topic.aliases.ko.slice(1),
      ];
      names.forEach((group, g) => {
        for (const name of group) if (name) this.addName(name, i, g < 2);
      });
    });
    const byText = (a: Key, b: Key) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
    this.keys.sort(byText);
    this.choseongKeys.sort(byText);
    this.defaults = [...this.topics.filter((t) => !t.parent), ...this.topics.filter((t) => t.parent)];
  }

  private addName(name: string, topic: number, primary: boolean): void {
    const lower = name.trim().toLowerCase();
    if (!lower) return;
    const text = hasHangul(lower) ? toJamo(lower) : lower;
    this.keys.push({ text, topic, fit: 1, name: lower, primary });
    // Each later word's start, so "conflict" finds "port conflict".
    for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
      const rest = text.slice(i + 1).trimStart();
      if (rest) this.keys.push({ text: rest, topic, fit: 2, name: lower, primary });
    }
    if (hasHangul(lower)) {
      const initials = toChoseong(lower).replace(/\s+/g, '');
      for (let i = 0; i < initials.length; i++) {
        this.choseongKeys.push({ text: initials.slice(i), topic, fit: i === 0 ? 1 : 3, name: initials, primary });
      }
    }
  }

  suggest(input: string, lang: Lang, limit: number = LIMITS.autocompleteChoices): Choice[] {
    const query = input.trim().toLowerCase();
    if (!query) return this.defaults.slice(0, limit).map((t) => this.choice(t, lang));
    const hits: Hit[] = [];
    const compact = query.replace(/\s+/g, '');
    if (isChoseongQuery(compact)) this.prefixHits(this.choseongKeys, compact, compact, hits);
    const hangul = qwertyToHangul(compact);
    const texts = hangul ? [query, hangul] : [query];
    for (const text of texts) this.prefixHits(this.keys, hasHangul(text) ? toJamo(text) : text, text, hits);

    const ranked = this.rank(hits);
    const seen = new Set(ranked);
    const add = (topic: number) => {
      if (!seen.has(topic)) {
        seen.add(topic);
        ranked.push(topic);
      }
    };
    if (ranked.length < ENOUGH_PREFIX_HITS) {
      for (const text of texts) for (const topic of this.fuzzyHits(hasHangul(text) ? toJamo(text) : text, limit)) add(topic);
    }
    // A question being typed: searched by its finished words, so the keystrokes inside a word reuse one search.
    const finished = input.toLowerCase().replace(/\S*$/, '').trim();
    const question = /\s/.test(query) && finished ? finished : ranked.length === 0 ? (hangul ?? query) : null;
    if (question) for (const topic of this.searched(question)) add(topic);
    return ranked.slice(0, limit).map((i) => this.choice(this.topics[i]!, lang));
  }

  /**
   * Topics whose name starts with something close to `text` (a slip or two: 포투, firewal).
   * A name is typed from its start, and slips seldom hit the first letter, so fuse.js compares the
   * text only with the first few letters of the names that share its first letter: a short,
   * deduplicated list per first letter and length, built once. Over all names it took 0.8-1.6 ms a
   * keystroke; this way, a few hundredths.
   */
  private fuzzyHits(text: string, limit: number): number[] {
    const length = Math.min(text.length + FUZZY_SLACK, MAX_FUZZY_LENGTH);
    const bucket = `${length}:${text[0]}`;
    let fuse = this.fuzzyBuckets.get(bucket);
    if (!fuse) {
      const heads = new Map<string, NameHead>();
      for (const key of this.keys) {
        if (key.fit !== 1 || key.text[0] !== text[0]) continue;
        const head = key.text.slice(0, length);
        const entry = heads.get(head) ?? { head, topics: [] };
        if (!entry.topics.includes(key.topic)) entry.topics.push(key.topic);
        heads.set(head, entry);
      }
      fuse = new Fuse([...heads.values()], { keys: ['head'], threshold: FUZZY_THRESHOLD, ignoreLocation: true, shouldSort: true });
      this.fuzzyBuckets.set(bucket, fuse);
    }
    return fuse.search(text, { limit }).flatMap((hit) => hit.item.topics);
  }

  /** The full search's candidates for a question, remembered for the last SEARCH_CACHE_SIZE questions. */
  private searched(question: string): number[] {
    let topics = this.searchCache.get(question);
    if (topics) {
      this.searchCache.delete(question); // most recently used moves to the back
    } else {
      topics = search(this.index, question).candidates.map((c) => this.topics.indexOf(c.topic));
      if (this.searchCache.size >= SEARCH_CACHE_SIZE) this.searchCache.delete(this.searchCache.keys().next().value!);
    }
    this.searchCache.set(question, topics);
    return topics;
  }

  /** Every key starting with `text` (binary search to the first, then a run): O(log n + hits). */
  private prefixHits(keys: readonly Key[], text: string, typed: string, hits: Hit[]): void {
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (keys[mid]!.text < text) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < keys.length && keys[i]!.text.startsWith(text); i++) {
      const key = keys[i]!;
      const whole = key.fit === 1 && (key.text === text || key.name === typed);
      hits.push({ topic: key.topic, fit: whole ? 0 : key.fit, primary: key.primary, length: key.name.length });
    }
  }

  /** Topics by their best hit: how well it fits, then primary names, top-level topics and shorter names first. */
  private rank(hits: Hit[]): number[] {
    const best = new Map<number, Hit>();
    for (const hit of hits) {
      const current = best.get(hit.topic);
      if (!current || compareHits(hit, current, this.topics) < 0) best.set(hit.topic, hit);
    }
    return [...best.values()].sort((a, b) => compareHits(a, b, this.topics)).map((h) => h.topic);
  }

  private choice(topic: Topic, lang: Lang): Choice {
    const name = topic.title[lang];
    return { name: clipName(name, LIMITS.choiceName), value: topic.id };
  }
}

function compareHits(a: Hit, b: Hit, topics: readonly Topic[]): number {
  return (
    a.fit - b.fit ||
    Number(b.primary) - Number(a.primary) ||
    Number(Boolean(topics[a.topic]!.parent)) - Number(Boolean(topics[b.topic]!.parent)) ||
    a.length - b.length ||
    a.topic - b.topic
  );
}
