import { askMessageCommand, type MessageCommand } from './ask-message.ts';
import { askCommand } from './ask.ts';
import { explainCommand } from './explain.ts';
import { helpCommand } from './help.ts';
import { portCommand } from './port.ts';
import { reloadCommand } from './reload.ts';
import { statsCommand } from './stats.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [portCommand, explainCommand, askCommand, helpCommand, statsCommand, reloadCommand];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.name, c]));

/** Message context-menu commands (Apps → …), registered alongside the slash commands. */
export const messageCommands: readonly MessageCommand[] = [askMessageCommand];

export const messageCommandsByName: ReadonlyMap<string, MessageCommand> = new Map(messageCommands.map((c) => [c.name, c]));
