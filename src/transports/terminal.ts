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
  return out.join('\n');
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
