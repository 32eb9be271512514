import type { Reply } from './reply.ts';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  embeds: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  selectValue: 100,
  selectDescription: 100,
  selectPlaceholder: 150,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  threadName: 100,
} as const;

/** A one-line name (a thread name, an autocomplete choice) cut to `max` characters, ending in … when cut. */
export function clipName(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** Cuts text to `max` characters at a line or word boundary, marking the cut; fenced code stays closed. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (boundary > max * 0.6) cut = cut.slice(0, boundary);
  if ((cut.match(/```/g)?.length ?? 0) % 2 === 1) cut = cut.slice(0, Math.max(0, max - 5)).replace(/\s*$/, '') + '\n```';
  return `${cut.slice(0, max - 1)}…`;
}

/** Every way a reply breaks Discord's limits; empty when it fits. */
export function limitViolations(reply: Reply): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  over('content', reply.content?.length ?? 0, LIMITS.content);
  over('embeds', reply.embeds?.length ?? 0, LIMITS.embeds);
  let total = 0;
  reply.embeds?.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, LIMITS.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, LIMITS.embedDescription);
    over(`embed ${i} fields`, embed.fields?.length ?? 0, LIMITS.fields);
    over(`embed ${i} footer`, embed.footer?.length ?? 0, LIMITS.footer);
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.length ?? 0);
    embed.fields?.forEach((field, j) => {
      over(`embed ${i} field ${j} name`, field.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, field.value.length, LIMITS.fieldValue);
      if (!field.name.trim() || !field.value.trim()) problems.push(`embed ${i} field ${j} is empty`);
      total += field.name.length + field.value.length;
    });
  });
  over('embeds in all', total, LIMITS.embedTotal);
  over('action rows', reply.components?.length ?? 0, LIMITS.actionRows);
  reply.components?.forEach((row, i) => {
    over(`row ${i} components`, row.length, LIMITS.buttonsPerRow);
    for (const item of row) {
      over(`row ${i} custom id`, item.customId.length, LIMITS.customId);
      if (item.type === 'button') over(`row ${i} button label`, item.label.length, LIMITS.buttonLabel);
      else {
        if (row.length !== 1) problems.push(`row ${i}: a select menu must be alone in its row`);
        over(`row ${i} options`, item.options.length, LIMITS.selectOptions);
        over(`row ${i} placeholder`, item.placeholder.length, LIMITS.selectPlaceholder);
        for (const option of item.options) {
          over(`row ${i} option label`, option.label.length, LIMITS.selectLabel);
          over(`row ${i} option value`, option.value.length, LIMITS.selectValue);
          over(`row ${i} option description`, option.description?.length ?? 0, LIMITS.selectDescription);
        }
      }
    }
  });
  if (!reply.content?.trim() && !reply.embeds?.length) problems.push('reply is empty');
  return problems;
}

/** Brings any reply within the limits (a safety net: built-in replies are tested to fit without it). */
export function fitReply(reply: Reply): Reply {
  const embeds = reply.embeds?.slice(0, LIMITS.embeds).map((embed) => ({
    ...embed,
    title: embed.title && truncate(embed.title, LIMITS.embedTitle),
    description: embed.description && truncate(embed.description, LIMITS.embedDescription),
    footer: embed.footer && truncate(embed.footer, LIMITS.footer),
    fields: embed.fields?.slice(0, LIMITS.fields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName),
      value: truncate(f.value, LIMITS.fieldValue),
    })),
  }));
  let fitted: Reply = { ...reply, content: reply.content && truncate(reply.content, LIMITS.content) };
  if (embeds) fitted.embeds = embeds;
  // Over 6000 in all: shorten the longest description until it fits.
  for (const embed of fitted.embeds ?? []) {
    const excess = embedTotal(fitted) - LIMITS.embedTotal;
    if (excess > 0 && embed.description) embed.description = truncate(embed.description, Math.max(100, embed.description.length - excess));
  }
  if (fitted.components && fitted.components.length > LIMITS.actionRows) fitted = { ...fitted, components: fitted.components.slice(0, LIMITS.actionRows) };
  return fitted;
}

function embedTotal(reply: Reply): number {
  let total = 0;
  for (const e of reply.embeds ?? []) {
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.length ?? 0);
    for (const f of e.fields ?? []) total += f.name.length + f.value.length;
  }
  return total;
}
