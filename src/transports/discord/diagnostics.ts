import { Events, RESTEvents, type Client, type RateLimitData } from 'discord.js';
import type { Logger } from '../../log.ts';
import { FATAL_CLOSE_HINTS } from './fatal-hints.ts';

/**
 * Makes start-up and reconnection loud. discord.js retries quietly: a global 429 on GET /gateway/bot
 * or an invalid session (op 9) on every IDENTIFY loops for ever with nothing logged at any level.
 * Each retry is logged here with its reason and when it happens, read from the events discord.js
 * and its REST manager emit (@discordjs/ws debug lines, @discordjs/rest `restDebug` and `rateLimited`).
 * Everything else they say goes to the debug level.
 */
export function watchConnection(client: Client, log: Logger): void {
  client.on(Events.Debug, (message) => {
    const line = gatewayLine(message);
    if (line) log[line.level](line.text);
    else log.debug(message);
  });
  client.rest.on(RESTEvents.Debug, (message) => {
    const limited = unexpected429(message);
    if (limited) log.warn(limited);
    else log.debug(message);
  });
  let globalWarnedAt = -Infinity;
  client.rest.on(RESTEvents.RateLimited, (info) => {
    // Per-route limits are routine (a busy channel); one before connecting is not, and neither is
    // the global limit, though a busy server meets it every second: said once a minute, else debug.
    const now = Date.now();
    const loud = info.route.startsWith('/gateway') || (info.global && now - globalWarnedAt >= GLOBAL_WARN_EVERY_MS);
    if (loud && info.global) globalWarnedAt = now;
    log[loud ? 'warn' : 'debug'](`Discord rate limit${info.global ? ' (global)' : ''} before ${info.method.toUpperCase()} ${info.route}: ${retryIn(info)}`);
  });
}

/** How often a global rate limit is worth a warning while serving. */
const GLOBAL_WARN_EVERY_MS = 60_000;

function retryIn(info: RateLimitData): string {
  return `waiting ${Math.max(0, Math.round(info.timeToReset))} ms, retrying at ${new Date(Date.now() + info.timeToReset).toISOString()}`;
}


interface GatewayLine {
  level: 'warn' | 'error';
  text: string;
}

/** The retries and failures among discord.js's gateway debug lines (`[WS => Shard 0] …`), said plainly. */
function gatewayLine(message: string): GatewayLine | null {
  const [, who = 'gateway', body = message] = /^\[WS => ([^\]]+)\] ([\s\S]*)$/.exec(message) ?? [];
  const shard = who.toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^Invalid session; will attempt to resume: (true|false)/.exec(body))) {
    const next = m[1] === 'true' ? 'resuming it now' : "identifying again as soon as Discord's identify limit allows (within about 5 s)";
    return { level: 'warn', text: `gateway ${shard}: Discord invalidated the session (op 9); ${next}` };
  }
  if ((m = /^Destroying shard\s+Reason: (.*)\s+Code: (\d+)\s+Recover: (Reconnect|Resume)/.exec(body))) {
    const how = m[3] === 'Resume' ? 'resuming' : 'reconnecting with a new session';
    const reason = m[1] === 'none' ? '' : `${m[1]}, `;
    return { level: 'warn', text: `gateway ${shard}: connection closed (${reason}code ${m[2]}); ${how} now` };
  }
  if ((m = /^The gateway closed with an unexpected code (\d+), attempting to (\w+)/.exec(body))) {
    return { level: 'warn', text: `gateway ${shard}: closed with unexpected code ${m[1]}; attempting to ${m[2]} now` };
  }
  if (body.startsWith('Failed to connect to the gateway URL specified due to a network error')) {
    return { level: 'warn', text: `gateway ${shard}: cannot reach the gateway (network error); retrying` };
  }
  if ((m = /^Was about to hit the send rate limit, sleeping for (\d+)ms/.exec(body))) {
    return { level: 'warn', text: `gateway ${shard}: at the gateway's send limit; sending again in ${m[1]} ms` };
  }
  if ((m = /^Shard not recoverable: (\d+) \(([^)]*)\)/.exec(body))) {
    const code = Number(m[1]);
    return { level: 'error', text: `gateway ${shard}: Discord closed the connection for good (${code} ${m[2]}). ${FATAL_CLOSE_HINTS[code] ?? 'See Discord\'s gateway close codes.'}` };
  }
  return null;
}

/** @discordjs/rest's account of a 429 it was answered with, as one line: what, why, and when it retries. */
function unexpected429(message: string): string | null {
  if (!message.includes('Encountered unexpected 429 rate limit')) return null;
  const field = (name: string) => new RegExp(`${name}\\s*: (.*)`).exec(message)?.[1]?.trim() ?? '?';
  const retryAfter = Number(/Retry After\s*: (\d+)ms/.exec(message)?.[1] ?? 0);
  const global = field('Global') === 'true' ? ', global' : '';
  return `Discord answered 429 (rate limited${global}) to ${field('Method').toUpperCase()} ${field('Bucket')}: retrying in ${retryAfter} ms, at ${new Date(Date.now() + retryAfter).toISOString()}`;
}
