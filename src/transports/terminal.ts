import type { Reply } from '../replies/reply.ts';

/** A reply as plain terminal text: the same content Discord would show, minus the colours and buttons. */
export function renderForTerminal(reply: Reply): string {
  const out: string[] = [];
  if (reply.content) out.push(plain(reply.content));
  for (const embed of reply.embeds ?? []) {
    if (embed.title) out.push(`== ${embed.title} ==`);
    if (embed.description) out.push(plain(embed.description));
    for (const field of embed.fields ?? []) out.push(`\n${field.name}:\n${indent(plain(field.value))}`);
    if (embed.footer) out.push(`\n(${embed.footer})`);
  }
  for (const row of reply.components ?? []) {
    for (const item of row) {
      if (item.type === 'select') out.push(`[${item.placeholder}: ${item.options.map((o) => o.value).join(', ')}]`);
      else out.push(`[${item.label}]`);
    }
  }
  return terminalSafe(out.join('\n'));
}

/**
 * Control characters that a terminal would act on rather than show: C0 (NUL, ESC, BEL, CR, …) except
 * newline and tab, DEL, C1 (0x80-0x9f, including the 8-bit CSI), and the bidirectional overrides that
 * reorder what is displayed. Escape sequences start with one of these, so they are disarmed too.
 */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text safe to write to a terminal: each control character is shown as a visible escape (`\x1b`), never sent raw. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** Markdown emphasis markers read as noise in a terminal; code ticks and lists stay. */
function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/^> /gm, '  ');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
