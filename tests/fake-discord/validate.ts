/**
 * Discord's form validation for the payloads the bot sends, as the real API answers a malformed one:
 * 400 with code 50035 "Invalid Form Body" and an `errors` object nested like the body, each leaf
 * holding `_errors: [{ code, message }]` (https://discord.com/developers/docs/reference#error-messages).
 */
export type FormErrors = Record<string, unknown>;

const error = (code: string, message: string) => ({ _errors: [{ code, message }] });

/** Sets `errors[a][b]... = leaf`, building the nesting Discord uses. */
function put(errors: FormErrors, path: Array<string | number>, leaf: unknown): void {
  let node: any = errors;
  path.slice(0, -1).forEach((key) => (node = node[key] ??= {}));
  node[String(path.at(-1))] = leaf;
}

const done = (errors: FormErrors) => (Object.keys(errors).length ? errors : null);

/** Message body limits (content 2000, 10 embeds, 5 rows) and allowed_mentions' parse values. */
function messageBodyErrors(body: any, errors: FormErrors, at: Array<string | number> = []): void {
  if (typeof body?.content === 'string' && body.content.length > 2000) put(errors, [...at, 'content'], error('BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.'));
  if ((body?.embeds ?? []).length > 10) put(errors, [...at, 'embeds'], error('BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.'));
  if ((body?.components ?? []).length > 5) put(errors, [...at, 'components'], error('BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.'));
  (body?.allowed_mentions?.parse ?? []).forEach((value: unknown, i: number) => {
    if (!['users', 'roles', 'everyone'].includes(String(value))) put(errors, [...at, 'allowed_mentions', 'parse', i], error('BASE_TYPE_CHOICES', "Value must be one of ('roles', 'users', 'everyone')."));
  });
}

/** POST /channels/{id}/messages: as above, and a reply must point to a message in that channel (unless fail_if_not_exists is false). */
export function channelMessageErrors(body: any, channelId: string, findMessage: (id: string) => { channel_id: string } | undefined): FormErrors | null {
  const errors: FormErrors = {};
  messageBodyErrors(body, errors);
  const reference = body?.message_reference;
  if (reference && reference.fail_if_not_exists !== false && findMessage(String(reference.message_id))?.channel_id !== channelId) {
    put(errors, ['message_reference'], error('MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message'));
  }
  return done(errors);
}

/** POST /interactions/{id}/{token}/callback with a message: the same limits, and only the flags a response may set. */
export function callbackErrors(body: any): FormErrors | null {
  const errors: FormErrors = {};
  if ([4, 7].includes(body?.type)) {
    messageBodyErrors(body.data, errors, ['data']);
    // SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE, IS_COMPONENTS_V2
    const allowed = 4 | 64 | 4096 | 8192 | 32768;
    if ((body.data?.flags ?? 0) & ~allowed) put(errors, ['data', 'flags'], error('MESSAGE_FLAGS_INVALID', 'Invalid flags'));
  }
  return done(errors);
}

const ARCHIVE_MINUTES = [60, 1440, 4320, 10080];

/** POST /channels/{id}/messages/{id}/threads: a 1-100 character name, and one of four archive durations. */
export function threadErrors(body: any): FormErrors | null {
  const errors: FormErrors = {};
  const name = body?.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 100) put(errors, ['name'], error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
  if (body?.auto_archive_duration !== undefined && !ARCHIVE_MINUTES.includes(body.auto_archive_duration)) {
    put(errors, ['auto_archive_duration'], error('BASE_TYPE_CHOICES', `Value must be one of {${ARCHIVE_MINUTES.join(', ')}}.`));
  }
  return done(errors);
}

const CHAT_INPUT_NAME = /^[-_\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * PUT /applications/{id}[/guilds/{id}]/commands: per command, a valid name for its type (chat input:
 * lowercase, no spaces; message and user commands: 1-32 of anything), a 1-100 description for
 * chat input and none for context menus, and integration_types / contexts from their enums.
 */
export function commandErrors(body: unknown): FormErrors | null {
  const errors: FormErrors = {};
  if (!Array.isArray(body)) return { _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] };
  body.forEach((command: any, i: number) => {
    const type = command.type ?? 1;
    const names = [command.name, ...Object.values(command.name_localizations ?? {})];
    names.forEach((name) => {
      const bad = typeof name !== 'string' || (type === 1 ? !CHAT_INPUT_NAME.test(name) : name.length < 1 || name.length > 32);
      if (bad) put(errors, [i, 'name'], error('APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid'));
    });
    if (type === 1 && (typeof command.description !== 'string' || command.description.length < 1 || command.description.length > 100)) {
      put(errors, [i, 'description'], error('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.'));
    }
    if (type !== 1 && command.description) put(errors, [i, 'description'], error('APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID', 'Context menu commands cannot have description'));
    (command.integration_types ?? []).forEach((value: unknown, j: number) => {
      if (value !== 0 && value !== 1) put(errors, [i, 'integration_types', j], error('ENUM_TYPE_COERCE', `Value "${String(value)}" is not a valid enum value.`));
    });
    (command.contexts ?? []).forEach((value: unknown, j: number) => {
      if (value !== 0 && value !== 1 && value !== 2) put(errors, [i, 'contexts', j], error('ENUM_TYPE_COERCE', `Value "${String(value)}" is not a valid enum value.`));
    });
  });
  return done(errors);
}
