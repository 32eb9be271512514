import { Status, type Client } from 'discord.js';

/**
 * Whether the bot can serve now, for /healthz: the client has logged in, every shard it runs is
 * connected (not reconnecting or resuming), the bot can answer, and shutdown has not begun.
 */
export class Readiness {
  private client: Client | null = null;
  private stopping = false;

  /** `canAnswer`: the bot's own part of being ready (its knowledge loaded and indexed). */
  constructor(private readonly canAnswer: () => boolean = () => true) {}

  watch(client: Client): void {
    this.client = client;
  }

  /** From now on the bot reports not ready, so load balancers stop sending before it disconnects. */
  beginShutdown(): void {
    this.stopping = true;
  }

  get ready(): boolean {
    const client = this.client;
    if (this.stopping || !client?.isReady() || !this.canAnswer()) return false;
    return client.ws.shards.every((shard) => shard.status === Status.Ready);
  }
}
