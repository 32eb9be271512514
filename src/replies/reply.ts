/**
 * What a command handler returns: plain data, independent of the transport that shows it
 * (Discord gateway, console, tests). Transports translate it; handlers never see them.
 */
export interface Reply {
  content?: string;
  embeds?: Embed[];
  components?: ActionRow[];
  /** Only the asker sees it (Discord ephemeral); the console shows it like any other. */
  ephemeral?: boolean;
  /** The only users this reply may ping (the `target` of /explain or /ask). Nothing else ever pings. */
  mentionUserIds?: string[];
  /** What the reply amounts to, said by the code that builds it; the metrics count it (src/ops/observer.ts). */
  outcome?: ReplyOutcome;
}

/**
 * - answered: the bot answered (a topic, a port report, help);
 * - suggested: "did you mean" choices;
 * - declined: a short note instead of an answer (no notes on that, bad input, not allowed).
 */
export type ReplyOutcome = 'answered' | 'suggested' | 'declined';

export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: string;
}

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Button {
  type: 'button';
  customId: string;
  label: string;
  style: 'primary' | 'secondary' | 'danger';
}

export interface SelectMenu {
  type: 'select';
  customId: string;
  placeholder: string;
  options: Array<{ label: string; value: string; description?: string }>;
}

/** A row holds up to five buttons, or one select menu. */
export type ActionRow = Button[] | [SelectMenu];

export const COLORS = { topic: 0x2b7bb9, suggest: 0xd69e2e, port: 0x38a169, portBusy: 0xdd6b20, error: 0xc53030 } as const;
