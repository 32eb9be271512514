import { performance } from 'node:perf_hooks';
import { Events, type Client, type Interaction } from 'discord.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { commandsByName } from '../commands/index.ts';
import type { Finish, GatewayObserver, Outcome } from './observer.ts';

export type InteractionKind = 'slash' | 'context_menu' | 'autocomplete' | 'component' | 'modal' | 'message';

/** Label for channel messages in the `command` label: the channel Q&A feature. */
const MESSAGE_COMMAND = 'channel_qa';

/** Outcomes for which something was sent, so the time to send it is an answer latency. */
const SENT: ReadonlySet<Outcome> = new Set(['answered', 'suggested', 'declined']);

export interface MetricsSources {
  /** Topics in the knowledge base now (read at each scrape, so a reload shows). */
  topicsLoaded(): number;
  /** Whether /healthz would answer 200 now. */
  ready(): boolean;
}

export interface BotMetrics {
  registry: Registry;
  observer: GatewayObserver;
}

/** Prometheus metrics for one bot process, in their own registry, fed by the gateway observer. */
export function createMetrics(sources: MetricsSources): BotMetrics {
  const registry = new Registry();
  let client: Client | null = null;

  const interactions = new Counter({
    name: 'devops_bot_interactions_total',
    help: 'Interactions and channel questions handled, by kind, command and outcome.',
    labelNames: ['kind', 'command', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'devops_bot_answer_duration_seconds',
    help: 'Time from receiving an interaction or message to Discord accepting the reply.',
    labelNames: ['kind', 'command'] as const,
    // Discord wants an interaction answered within 3 s: the upper buckets show how close it gets.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const reconnects = new Counter({
    name: 'devops_bot_gateway_reconnects_total',
    help: 'Gateway connection events after the first login: reconnecting (connection lost, trying again) and resumed (session resumed).',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  // Both series exist from the start at 0, so rate() and alerts work before the first reconnect.
  for (const event of ['reconnecting', 'resumed']) reconnects.inc({ event }, 0);
  new Gauge({
    name: 'devops_bot_gateway_ping_seconds',
    help: 'Last heartbeat round trip to the Discord gateway, per shard (absent until the first heartbeat).',
    labelNames: ['shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [id, shard] of client?.ws.shards ?? []) if (shard.ping >= 0) this.set({ shard: String(id) }, shard.ping / 1000);
    },
  });
  new Gauge({
    name: 'devops_bot_gateway_ready',
    help: '1 when the gateway is connected and ready (what /healthz reports), 0 otherwise.',
    registers: [registry],
    collect() {
      this.set(sources.ready() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'devops_bot_knowledge_topics',
    help: 'Topics loaded in the knowledge base.',
    registers: [registry],
    collect() {
      this.set(sources.topicsLoaded());
    },
  });
  collectDefaultMetrics({ register: registry });

  const observe = (kind: InteractionKind, command: string, inferred: () => Outcome): Finish => {
    const started = performance.now();
    let finished = false;
    return (outcome) => {
      if (finished) return;
      finished = true;
      const result = outcome ?? inferred();
      interactions.inc({ kind, command, outcome: result });
      if (SENT.has(result)) latency.observe({ kind, command }, (performance.now() - started) / 1000);
    };
  };

  return {
    registry,
    observer: {
      attach(attached) {
        client = attached;
        attached.on(Events.ShardReconnecting, () => reconnects.inc({ event: 'reconnecting' }));
        attached.on(Events.ShardResume, () => reconnects.inc({ event: 'resumed' }));
      },
      interaction: (interaction) =>
        observe(kindOf(interaction), commandOf(interaction), () => (respondedTo(interaction) ? 'answered' : 'silent')),
      message: () => observe('message', MESSAGE_COMMAND, () => 'silent'),
    },
  };
}

function kindOf(interaction: Interaction): InteractionKind {
  if (interaction.isChatInputCommand()) return 'slash';
  if (interaction.isContextMenuCommand()) return 'context_menu';
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isModalSubmit()) return 'modal';
  return 'component';
}

/**
 * The `command` label, kept to a small fixed set: a known command's name, or a component's custom-id
 * prefix (its first two parts: `answer:delete:<user id>` → `answer:delete`). Anything else is `other`.
 */
function commandOf(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) {
    return commandsByName.has(interaction.commandName) ? interaction.commandName : 'other';
  }
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
    const prefix = interaction.customId.split(':').slice(0, 2).join(':');
    return /^[a-z][\w-]{0,30}(:[a-z][\w-]{0,30})?$/i.test(prefix) ? prefix : 'other';
  }
  return 'other';
}

function respondedTo(interaction: Interaction): boolean {
  if (interaction.isAutocomplete()) return interaction.responded;
  return interaction.isRepliable() && (interaction.replied || interaction.deferred);
}
