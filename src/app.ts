import type { Config } from './config.ts';
import type { TopicAutocomplete } from './knowledge/autocomplete.ts';
import { KnowledgeHolder, type KnowledgeSnapshot, type KnowledgeSources } from './knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR } from './knowledge/load.ts';
import type { SearchIndex } from './knowledge/search-index.ts';
import type { KnowledgeBase } from './knowledge/topic.ts';
import { readHostFacts, type HostFacts } from './ports/host.ts';
import { lookupPort, type PortReport } from './ports/lookup.ts';
import { loadServices, type ServiceTable } from './ports/services.ts';
import { NO_STATS, type QuestionLog } from './stats/store.ts';

/**
 * Everything a command needs, built at start-up; handlers get it, transports pass it on.
 * `kb`, `index` and `autocomplete` read the current knowledge snapshot, which a reload replaces.
 */
export interface BotContext {
  readonly kb: KnowledgeBase;
  readonly index: SearchIndex;
  readonly autocomplete: TopicAutocomplete;
  knowledge: KnowledgeHolder;
  /** The record of questions and votes (a no-op unless the gateway opened one). */
  stats: QuestionLog;
  services: ServiceTable;
  lookupPort(port: number): Promise<PortReport>;
}

export interface ContextOptions {
  knowledgeDir?: string;
  /** A team's own topic folders (KNOWLEDGE_DIRS). */
  knowledgeDirs?: readonly string[];
  stats?: QuestionLog;
  servicesFile?: string;
  showProcessNames?: boolean;
  host?: HostFacts;
  /** The knowledge, loaded already (the Discord bot loads it while it connects: buildSnapshotGradually). */
  knowledge?: KnowledgeSnapshot;
}

/** The knowledge folders the options name: the built-in one (or `knowledgeDir`), then a team's. */
export function knowledgeSources(options: ContextOptions): KnowledgeSources {
  return { dir: options.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR, extraDirs: options.knowledgeDirs ?? [] };
}

export function createContext(options: ContextOptions = {}): BotContext {
  const sources = knowledgeSources(options);
  const knowledge = options.knowledge ? new KnowledgeHolder(sources, options.knowledge) : new KnowledgeHolder(sources);
  const services = loadServices(options.servicesFile);
  const host = options.host ?? readHostFacts();
  const showProcess = options.showProcessNames ?? true;
  return {
    get kb() {
      return knowledge.current.kb;
    },
    get index() {
      return knowledge.current.index;
    },
    get autocomplete() {
      return knowledge.current.autocomplete;
    },
    knowledge,
    stats: options.stats ?? NO_STATS,
    services,
    lookupPort: (port) => lookupPort(port, { host, services, showProcess }),
  };
}

export function contextOptionsFrom(config: Config): ContextOptions {
  return { showProcessNames: config.showProcessNames, knowledgeDirs: config.knowledgeDirs };
}

/** Builds the search index and autocomplete now rather than at the first question. */
export function warmIndexes(ctx: BotContext): void {
  void ctx.autocomplete;
}
