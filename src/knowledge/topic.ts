import type { LabelledText } from './phrasing.ts';

/** The two languages every topic is written in. */
export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

export type Localized<T> = Record<Lang, T>;

/** One knowledge-base entry, as loaded from `knowledge/<id>.md`. */
export interface Topic {
  /** `ports`, or `<parent>/<sub>` for a sub-topic. */
  id: string;
  /** The parent id of a sub-topic, `null` for a top-level topic. */
  parent: string | null;
  title: Localized<string>;
  summary: Localized<string>;
  aliases: Localized<string[]>;
  keywords: Localized<string[]>;
  /** Natural example questions (optional), which teach the search how people ask about the topic. */
  examples?: Localized<string[]>;
  related: string[];
  /** Where the facts that are easy to get wrong were checked (URLs or repository paths); may be empty. */
  sources: string[];
  body: Localized<string>;
  /** Path relative to the knowledge folder, for error messages. */
  file: string;
  /** A team topic that knowingly takes the place of an earlier topic with the same id. */
  overrides?: string;
}

/** A topic's family, its top-level id: a parent and its sub-topics (port-conflict, port-conflict/time-wait) answer alike. */
export function familyOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

export interface KnowledgeBase {
  topics: Topic[];
  byId: ReadonlyMap<string, Topic>;
  /** How people ask: example questions per topic, and questions not to answer (knowledge/phrasing/). */
  phrasing?: readonly LabelledText[];
}
