import readline from 'node:readline';
import type { BotContext } from '../app.ts';
import { boundLine } from '../knowledge/bounds.ts';
import { commandsByName } from '../commands/index.ts';
import { langFromLocale, type CommandRequest } from '../commands/types.ts';
import type { Logger } from '../log.ts';
import { answerMessage } from '../qa/channel-qa.ts';
import type { Reply } from '../replies/reply.ts';
import { renderForTerminal } from './terminal.ts';

/** Which option a console command's text fills (`/port 8080` → number=8080). */
const TEXT_OPTION: Record<string, string> = { port: 'number', explain: 'topic', ask: 'question' };

/**
 * Turns one console line into a reply: `/command text` runs that command, anything else is a
 * question to the bot (as if it had been mentioned in a channel). null: nothing to say.
 */
export async function consoleReply(line: string, ctx: BotContext, locale = 'en'): Promise<Reply | null> {
  const text = boundLine(line).trim();
  if (!text) return null;
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return answerMessage(text, ctx, { mentioned: true });
  const name = match[1]!.toLowerCase();
  const command = commandsByName.get(name);
  if (!command) return { content: `Unknown command /${name.slice(0, 30)}. Try /help.` };
  const optionName = TEXT_OPTION[name];
  const request: CommandRequest = {
    options: optionName ? { [optionName]: match[2] } : {},
    lang: langFromLocale(locale),
    userId: 'console',
  };
  return command.execute(request, ctx);
}

/** The offline console: reads standard input line by line, prints each answer, ends with the input. */
export async function runConsole(ctx: BotContext, log: Logger, input = process.stdin, output = process.stdout): Promise<void> {
  const interactive = Boolean((input as NodeJS.ReadStream).isTTY);
  const locale = (process.env.LANG ?? '').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  const rl = readline.createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => interactive && rl.prompt();
  if (interactive) rl.setPrompt('devops-bot> ');
  prompt();
  for await (const line of rl) {
    try {
      const reply = await consoleReply(line, ctx, locale);
      if (reply) output.write(`${renderForTerminal(reply)}\n\n`);
      else if (line.trim()) output.write('(In a channel the bot would stay silent here: no notes match. Try /help.)\n\n');
    } catch (error) {
      log.error('console command failed', error);
      output.write('Something went wrong with that command; the bot keeps running.\n\n');
    }
    prompt();
  }
}
