import type { Config } from './config.ts';
import { TopicAutocomplete } from './knowledge/autocomplete.ts';
import { loadKnowledge } from './knowledge/load.ts';
import { buildIndex, type SearchIndex } from './knowledge/search-index.ts';
import type { KnowledgeBase } from './knowledge/topic.ts';
import { readHostFacts, type HostFacts } from './ports/host.ts';
import { lookupPort, type PortReport } from './ports/lookup.ts';
import { loadServices, type ServiceTable } from './ports/services.ts';

/** Everything a command needs, built once at start-up; handlers get it, transports pass it on. */
export interface BotContext {
  kb: KnowledgeBase;
  index: SearchIndex;
  autocomplete: TopicAutocomplete;
  services: ServiceTable;
  lookupPort(port: number): Promise<PortReport>;
}

export interface ContextOptions {
  knowledgeDir?: string;
  servicesFile?: string;
  showProcessNames?: boolean;
  host?: HostFacts;
}

export function createContext(options: ContextOptions = {}): BotContext {
  const kb = loadKnowledge(options.knowledgeDir);
  const services = loadServices(options.servicesFile);
  const host = options.host ?? readHostFacts();
  const showProcess = options.showProcessNames ?? true;
  // Built when first used: `cli port` and a bot still connecting need neither (warmIndexes builds them ahead).
  let index: SearchIndex | undefined;
  let autocomplete: TopicAutocomplete | undefined;
  return {
    kb,
    get index() {
      return (index ??= buildIndex(kb));
    },
    get autocomplete() {
      return (autocomplete ??= new TopicAutocomplete(this.index));
    },
    services,
    lookupPort: (port) => lookupPort(port, { host, services, showProcess }),
  };
}

export function contextOptionsFrom(config: Config): ContextOptions {
  return { showProcessNames: config.showProcessNames };
}

/** Builds the search index and autocomplete now rather than at the first question. */
export function warmIndexes(ctx: BotContext): void {
  void ctx.autocomplete;
}
