import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed } from 'discord.js';
import { fitReply } from '../../replies/limits.ts';
import type { ActionRow, Button, Reply, SelectMenu } from '../../replies/reply.ts';

/** Never @everyone, @here or roles; users only when the reply names them (the /explain target). */
export function allowedMentionsFor(reply: Reply) {
  return { parse: [] as [], users: reply.mentionUserIds ?? [], roles: [] as string[], repliedUser: false };
}

const BUTTON_STYLE = { primary: ButtonStyle.Primary, secondary: ButtonStyle.Secondary, danger: ButtonStyle.Danger } as const;

function rowJson(row: ActionRow): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: row.map((item) =>
      item.type === 'button'
        ? { type: ComponentType.Button, custom_id: item.customId, label: item.label, style: BUTTON_STYLE[item.style] }
        : { type: ComponentType.StringSelect, custom_id: item.customId, placeholder: item.placeholder, options: item.options },
    ),
  } as APIActionRowComponent<APIComponentInMessageActionRow>;
}

function embedJson(reply: Reply): APIEmbed[] {
  return (reply.embeds ?? []).map((e) => ({
    ...(e.title ? { title: e.title } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.color !== undefined ? { color: e.color } : {}),
    ...(e.fields?.length ? { fields: e.fields.map((f) => ({ name: f.name, value: f.value, inline: f.inline ?? false })) } : {}),
    ...(e.footer ? { footer: { text: e.footer } } : {}),
  }));
}

/**
 * The Client's `jsonTransformer`: what this file builds is already Discord's API JSON (snake_case),
 * and autocomplete choices are `{ name, value }`, so discord.js's default camelCase → snake_case
 * pass over every embed and component (about 18 µs an answer) has nothing to convert.
 */
export const sendAsBuilt = (json: unknown): unknown => json;

/** A transport-neutral reply as discord.js message options, cut to Discord's limits on the way out. */
export function toDiscordMessage(input: Reply) {
  const reply = fitReply(input);
  return {
    content: reply.content ?? '',
    embeds: embedJson(reply),
    components: (reply.components ?? []).map(rowJson),
    allowedMentions: allowedMentionsFor(reply),
  };
}

export function toInteractionReply(input: Reply) {
  return { ...toDiscordMessage(input), ...(input.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) };
}

/** A message as Discord sends it (embeds and components as API JSON), back into a plain reply. */
export function replyFromMessage(message: { content?: string | null; embeds?: readonly APIEmbed[]; components?: readonly unknown[] }): Reply {
  const embeds = (message.embeds ?? []).map((e) => ({
    ...(e.title ? { title: e.title } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.color !== undefined ? { color: e.color } : {}),
    ...(e.fields?.length ? { fields: e.fields.map((f) => ({ name: f.name, value: f.value, inline: f.inline ?? false })) } : {}),
    ...(e.footer?.text ? { footer: e.footer.text } : {}),
  }));
  const styleOf = (style: number): Button['style'] => (style === ButtonStyle.Primary ? 'primary' : style === ButtonStyle.Danger ? 'danger' : 'secondary');
  const components: ActionRow[] = [];
  for (const row of message.components ?? []) {
    const items = ((row as { components?: any[] }).components ?? []).flatMap((c): Array<Button | SelectMenu> => {
      if (c.type === ComponentType.Button && typeof c.custom_id === 'string') return [{ type: 'button', customId: c.custom_id, label: c.label ?? '', style: styleOf(c.style) }];
      if (c.type === ComponentType.StringSelect) return [{ type: 'select', customId: c.custom_id, placeholder: c.placeholder ?? '', options: (c.options ?? []).map((o: any) => ({ label: o.label, value: o.value, ...(o.description ? { description: o.description } : {}) })) }];
      return []; // link buttons and other kinds are not carried over
    });
    if (items.length) components.push(items as ActionRow);
  }
  return { ...(message.content ? { content: message.content } : {}), embeds, components };
}
