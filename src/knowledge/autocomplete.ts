import Fuse from 'fuse.js';
import { clipName, LIMITS } from '../replies/limits.ts';
import { isChoseongQuery, qwertyToHangul, toChoseong, toJamo } from './hangul.ts';
import type { SearchIndex } from './search-index.ts';
import { search } from './search.ts';
import type { Lang, Topic } from './topic.ts';

interface Entry {
  topic: Topic;
  english: string[];
  /** Korean names in jamo, so a slip of one letter (포투) still finds 포트. */
  koreanJamo: string[];
  /** Initial consonants of the Korean names, without spaces (ㅍㅌㅊㄷ). */
  choseong: string[];
}

/** An autocomplete choice. Its value has the option's type: a string, or a number for INTEGER and NUMBER options, as Discord requires. */
export interface Choice<Value extends string | number = string> {
  name: string;
  value: Value;
}

/**
 * Topic suggestions while the user types /explain: fuse.js over titles and aliases in both
 * languages (Korean at jamo level), initial consonants (ㅍㅌ ㅊㄷ), keyboard-layout slips (vhxm),
 * and the full search for typed questions.
 */
export class TopicAutocomplete {
  private readonly entries: Entry[];
  private readonly fuse: Fuse<Entry>;

  constructor(private readonly index: SearchIndex) {
    this.entries = index.kb.topics.map((topic) => {
      const korean = [topic.title.ko, ...topic.aliases.ko];
      return {
        topic,
        english: [topic.id, topic.title.en, ...topic.aliases.en],
        koreanJamo: korean.map(toJamo),
        choseong: korean.map((k) => toChoseong(k).replace(/\s+/g, '')),
      };
    });
    this.fuse = new Fuse(this.entries, {
      keys: [
        { name: 'english', weight: 1 },
        { name: 'koreanJamo', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
    });
  }

  suggest(input: string, lang: Lang, limit: number = LIMITS.autocompleteChoices): Choice[] {
    const query = input.trim().toLowerCase();
    if (!query) return this.entries.filter((e) => !e.topic.parent).concat(this.entries.filter((e) => e.topic.parent)).slice(0, limit).map((e) => this.choice(e.topic, lang));
    const ranked: Topic[] = [];
    const add = (topic: Topic) => {
      if (!ranked.includes(topic)) ranked.push(topic);
    };
    const compact = query.replace(/\s+/g, '');
    if (isChoseongQuery(compact)) {
      for (const e of this.entries) if (e.choseong.some((c) => c.startsWith(compact))) add(e.topic);
      for (const e of this.entries) if (e.choseong.some((c) => c.includes(compact))) add(e.topic);
    }
    const exact = this.index.kb.byId.get(query);
    if (exact) add(exact);
    const hangul = qwertyToHangul(compact);
    for (const text of hangul ? [query, hangul] : [query]) {
      const fuzzyKey = /[\uAC00-\uD7A3]/.test(text) ? toJamo(text) : text;
      for (const hit of this.fuse.search(fuzzyKey, { limit })) add(hit.item.topic);
    }
    for (const candidate of search(this.index, hangul ?? query).candidates) add(candidate.topic);
    return ranked.slice(0, limit).map((t) => this.choice(t, lang));
  }

  private choice(topic: Topic, lang: Lang): Choice {
    const name = topic.title[lang];
    return { name: clipName(name, LIMITS.choiceName), value: topic.id };
  }
}
