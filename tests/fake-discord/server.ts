import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BOT_USER, APPLICATION_ID, GUILD, botMessage, threadChannel } from './payloads.ts';
import { callbackErrors, channelMessageErrors, commandErrors, threadErrors, type FormErrors } from './validate.ts';

/** A request the bot made to the fake REST API. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
  at: number;
  /** The status the fake answered with (set as it answers, before a waiter's code resumes). */
  status?: number;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  socket: WebSocket | null;
  seq: number;
  /** Every dispatch sent in this session, for replay on RESUME. */
  log: Array<{ s: number; t: string; d: unknown }>;
}

/**
 * A fake Discord on loopback that speaks the real protocol: the REST API under /api/v10
 * (gateway discovery, interaction callbacks, channel messages, webhooks, command registration)
 * and the gateway over WebSocket (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME).
 * Tests dispatch events and assert on the REST calls the real discord.js Client makes back.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly identifies: Array<{ token: string; intents: number; shard: [number, number] }> = [];
  readonly resumes: string[] = [];
  private readonly sessions = new Map<string, Session>();
  private readonly waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  private readonly http = http.createServer((req, res) => void this.handleHttp(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private messageCounter = 0;
  private sessionCounter = 0;
  port = 0;
  /** Events kept per session for RESUME to replay; a long bench lowers it so the fake's memory stays flat. */
  replayLimit = Infinity;
  /** Shards the gateway tells clients to use (GET /gateway/bot). */
  recommendedShards = 1;
  /** While set, IDENTIFY is answered (READY) only once it resolves: a bot connected but not yet ready. */
  holdReady: Promise<void> | null = null;
  /** Every message seen (dispatched or posted by the bot), by id: replies must point at one, GET reads them. */
  readonly messages = new Map<string, any>();
  /** Threads opened on a message, by the message's id (Discord gives the thread that same id). */
  readonly threads = new Map<string, any>();
  /** Channels where the bot lacks Send Messages: posting there gets Discord's 403 Missing Permissions. */
  readonly deniedChannels = new Set<string>();

  /** A new forum post as Discord announces it: THREAD_CREATE (newly_created) for the post, then MESSAGE_CREATE for its first message. */
  dispatchForumPost(post: { thread: any; starter: any }): void {
    this.dispatch('THREAD_CREATE', { ...post.thread, newly_created: true });
    this.dispatch('MESSAGE_CREATE', post.starter);
  }
  /** Start-up faults, as Discord produces them. GET /gateway/bot answers a global 429 this many times. */
  gatewayBotRateLimits = 0;
  /** Seconds the 429's retry_after asks to wait. */
  rateLimitRetryAfter = 0.3;
  /** IDENTIFY is answered with an invalid session (op 9, not resumable) this many times. */
  invalidSessions = 0;
  /** IDENTIFY is answered by closing the connection with this code (4004 bad token, 4014 disallowed intents). */
  closeOnIdentify: number | null = null;

  async start(): Promise<this> {
    this.http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Sessions that have identified and are connected now. */
  get connectedShards(): number[] {
    return [...this.sessions.values()].filter((s) => s.socket).map((s) => s.shard[0]);
  }

  /** Sends a gateway dispatch to the shard that owns the guild (all connected shards if none is given). */
  dispatch(t: string, d: unknown, shard?: number): void {
    if (t === 'INTERACTION_CREATE') this.rememberFocusedOption(d);
    if (t === 'MESSAGE_CREATE') this.messages.set((d as any).id, d);
    for (const session of this.sessions.values()) {
      if (shard !== undefined && session.shard[0] !== shard) continue;
      this.send(session, t, d);
    }
  }

  /** Option type (3 string, 4 integer, 10 number) each autocomplete interaction is focused on, by interaction id. */
  private readonly focusedOptionTypes = new Map<string, number>();

  private rememberFocusedOption(interaction: any): void {
    if (interaction?.type !== 4) return;
    const find = (options: any[] = []): any => options.map((o) => (o.focused ? o : find(o.options))).find(Boolean);
    const focused = find(interaction.data?.options);
    if (focused) this.focusedOptionTypes.set(interaction.id, focused.type);
  }

  /** As Discord does: an autocomplete choice's value must have its option's type (a number for INTEGER); the errors field if not. */
  private invalidChoices(interactionId: string, body: any): Record<string, unknown> | null {
    const type = this.focusedOptionTypes.get(interactionId);
    if (body?.type !== 8 || type === undefined) return null;
    const fits = (value: unknown) => (type === 3 ? typeof value === 'string' : type === 4 ? Number.isInteger(value) : typeof value === 'number');
    const bad = (body.data?.choices ?? []).findIndex((c: any) => !fits(c.value));
    if (bad < 0) return null;
    const error = type === 3 ? { code: 'STRING_TYPE_CONVERT', message: 'Could not interpret the value as string.' } : { code: 'NUMBER_TYPE_COERCE', message: 'Value is not a valid number.' };
    return { [`data.choices.${bad}.value`]: { _errors: [error] } };
  }

  /** Waits for a REST call matching the predicate (including ones already made since `since`). */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 5000, since = 0): Promise<RecordedRequest> {
    const done = this.requests.find((r) => r.at >= since && match(r));
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: (r: RecordedRequest) => { clearTimeout(timer); resolve(r); } };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching request within ${timeoutMs} ms; saw: ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Drops every gateway connection abnormally (no close frame), as a network failure would. */
  dropConnections(): void {
    for (const session of this.sessions.values()) {
      session.socket?.terminate();
      session.socket = null;
    }
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.log.push({ s: session.seq, t, d });
    if (session.log.length > this.replayLimit) session.log.splice(0, session.log.length - this.replayLimit);
    session.socket?.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  private onConnection(ws: WebSocket): void {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: any };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (packet.op === 2 && this.holdReady) void this.holdReady.then(() => this.identify(ws, packet.d));
      else if (packet.op === 2) this.identify(ws, packet.d);
      else if (packet.op === 6) this.resume(ws, packet.d);
    });
  }

  private identify(ws: WebSocket, d: { token: string; intents: number; shard?: [number, number] }): void {
    const shard = d.shard ?? [0, 1];
    this.identifies.push({ token: d.token, intents: d.intents, shard });
    if (this.closeOnIdentify !== null) return ws.close(this.closeOnIdentify, this.closeOnIdentify === 4004 ? 'Authentication failed.' : 'Disallowed intent(s).');
    if (this.invalidSessions > 0) {
      this.invalidSessions--;
      return ws.send(JSON.stringify({ op: 9, d: false }));
    }
    const session: Session = { id: `session-${++this.sessionCounter}`, shard, intents: d.intents, socket: ws, seq: 0, log: [] };
    this.sessions.set(session.id, session);
    const ownsGuild = Number((BigInt(GUILD.id) >> 22n) % BigInt(shard[1])) === shard[0];
    this.send(session, 'READY', {
      v: 10,
      user: BOT_USER,
      guilds: ownsGuild ? [{ id: GUILD.id, unavailable: true }] : [],
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard,
      application: { id: APPLICATION_ID, flags: 0 },
    });
    if (ownsGuild) this.send(session, 'GUILD_CREATE', GUILD);
    ws.on('close', () => {
      if (session.socket === ws) session.socket = null;
    });
  }

  private resume(ws: WebSocket, d: { session_id: string; seq: number }): void {
    const session = this.sessions.get(d.session_id);
    if (!session) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.resumes.push(session.id);
    session.socket = ws;
    for (const missed of session.log.filter((e) => e.s > d.seq)) ws.send(JSON.stringify({ op: 0, ...missed }));
    this.send(session, 'RESUMED', {});
    ws.on('close', () => {
      if (session.socket === ws) session.socket = null;
    });
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    if (text) body = (req.headers['content-type'] ?? '').includes('application/json') ? JSON.parse(text) : text;
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const record: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body, at: Date.now() };
    this.requests.push(record);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(record)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(record);
      }
    }
    const json = (status: number, payload?: unknown) => {
      record.status = status;
      res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const botAuth = req.headers.authorization?.startsWith('Bot ');
    const invalid = (errors: FormErrors) => json(400, { message: 'Invalid Form Body', code: 50035, errors });
    if (req.method === 'GET' && path === '/gateway/bot') {
      if (!botAuth) return json(401, { message: '401: Unauthorized', code: 0 });
      if (this.gatewayBotRateLimits > 0) {
        this.gatewayBotRateLimits--;
        record.status = 429;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.rateLimitRetryAfter), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
        return void res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: this.rateLimitRetryAfter, global: true, code: 0 }));
      }
      return json(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
      });
    }
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      if (m[2] === 'expired-token') return json(404, { message: 'Unknown interaction', code: 10062 });
      const errors = this.invalidChoices(m[1]!, body) ?? callbackErrors(body);
      if (errors) return invalid(errors);
      return url.searchParams.get('with_response') === 'true' ? json(200, { interaction: { id: m[1], type: 2 } }) : json(204);
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (this.deniedChannels.has(m[1]!)) return json(403, { message: 'Missing Permissions', code: 50013 });
      const errors = channelMessageErrors(body, m[1]!, (id) => this.messages.get(id));
      if (errors) return invalid(errors);
      const sent = botMessage(String(++this.messageCounter).padStart(18, '9'), m[1]!, body);
      this.messages.set(sent.id, sent);
      return json(200, sent);
    }
    if (req.method === 'GET' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const found = this.messages.get(m[2]!);
      return found?.channel_id === m[1] ? json(200, found) : json(404, { message: 'Unknown Message', code: 10008 });
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      // Start Thread from Message: a public thread with the message's id, announced by THREAD_CREATE.
      const errors = threadErrors(body);
      if (errors) return invalid(errors);
      if (this.messages.get(m[2]!)?.channel_id !== m[1]) return json(404, { message: 'Unknown Message', code: 10008 });
      if (this.threads.has(m[2]!)) return json(400, { message: 'A thread has already been created for this message', code: 160004 });
      const thread = threadChannel(m[2]!, m[1]!, body.name, BOT_USER.id);
      this.threads.set(thread.id, thread);
      json(201, thread);
      this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return;
    }
    if (req.method === 'DELETE' && /^\/channels\/\d+\/messages\/\d+$/.test(path)) return json(204);
    if (req.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      return json(200, botMessage(String(++this.messageCounter).padStart(18, '9'), GUILD.channels[0]!.id, body));
    }
    if (req.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (!botAuth) return json(401, { message: '401: Unauthorized', code: 0 });
      const errors = commandErrors(body);
      if (errors) return invalid(errors);
      return json(200, (body as any[]).map((c, i) => ({ ...c, id: `2000000000000000${String(i).padStart(2, '0')}`, application_id: APPLICATION_ID, version: '1' })));
    }
    json(404, { message: '404: Not Found', code: 0 });
  }
}
