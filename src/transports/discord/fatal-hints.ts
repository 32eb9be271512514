// No discord.js here: main.ts reads these hints even where the gateway (and discord.js) never loaded.

/** discord.js's DiscordjsErrorCodes.TokenInvalid: a login refused before the gateway connects. */
const TOKEN_INVALID = 'TokenInvalid';

/** What Discord's close codes that end the connection for good ask a person to do. */
export const FATAL_CLOSE_HINTS: Record<number, string> = {
  4004: 'Discord rejected the token: check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token, then copy it into .env).',
  4013: 'Discord rejected the intents the bot asked for: this version of the bot may be out of date.',
  4014:
    'Discord refused the Message Content intent: turn on "Message Content Intent" in the Developer Portal (your application → Bot → Privileged Gateway Intents), or unset QA_CHANNELS (only Q&A channels need it).',
  4010: 'Discord rejected the shard settings: check SHARD_COUNT.',
  4011: 'Discord requires sharding for this many servers: run `npm run start:sharded`.',
};

/** The hint for an error that stopped the login, or null when it is not one we know. */
export function fatalHint(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown })?.code === TOKEN_INVALID || /Authentication failed/.test(message)) return FATAL_CLOSE_HINTS[4004]!;
  if (/disallowed intents/i.test(message)) return FATAL_CLOSE_HINTS[4014]!;
  if (/invalid intents/i.test(message)) return FATAL_CLOSE_HINTS[4013]!;
  if (/Invalid shard/.test(message)) return FATAL_CLOSE_HINTS[4010]!;
  if (/Sharding is required/.test(message)) return FATAL_CLOSE_HINTS[4011]!;
  return null;
}
