import { askCommand } from './ask.ts';
import { explainCommand } from './explain.ts';
import { helpCommand } from './help.ts';
import { portCommand } from './port.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [portCommand, explainCommand, askCommand, helpCommand];

export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((c) => [c.name, c]));
