import { askCommand } from './ask.ts';
import { explainCommand } from './explain.ts';
import { helpCommand } from './help.ts';
import { portCommand } from './port.ts';
import { reloadCommand } from './reload.ts';
import { statsCommand } from './stats.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [portCommand, explainCommand, askCommand, helpCommand, statsCommand, reloadCommand];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.name, c]));
