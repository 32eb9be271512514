import readline from 'node:readline';
import type { BotContext } from '../app.ts';
import { boundLine } from '../knowledge/bounds.ts';
import { commandsByName } from '../commands/index.ts';
import { langFromLocale, type CommandRequest } from '../commands/types.ts';
import type { Logger } from '../log.ts';
import { answerMessage } from '../qa/channel-qa.ts';
import type { Reply } from '../replies/reply.ts';
import { renderForTerminal, terminalSafe } from './terminal.ts';

/** Which option a console command's text fills (`/port 8080` → number=8080). */
const TEXT_OPTION: Record<string, string> = { port: 'number', explain: 'topic', ask: 'question' };

/**
 * The Korean names the commands are registered under on Discord (their `name_localizations.ko`),
 * so `/포트 8080` works here as it does in a Korean client. tests/console-cli.test.ts checks this
 * table against the registered definitions.
 */
export const KOREAN_COMMAND_NAMES: Readonly<Record<string, string>> = {
  포트: 'port',
  설명: 'explain',
  질문: 'ask',
  도움말: 'help',
  통계: 'stats',
  다시읽기: 'reload',
};

/**
 * Turns one console line into a reply: `/command text` runs that command, anything else is a
 * question to the bot (as if it had been mentioned in a channel). null: nothing to say.
 */
export async function consoleReply(line: string, ctx: BotContext, locale = 'en'): Promise<Reply | null> {
  const text = boundLine(line).trim();
  if (!text) return null;
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return answerMessage(text, ctx, { mentioned: true, locale: langFromLocale(locale) });
  const typedName = match[1]!.toLowerCase();
  const koreanName = KOREAN_COMMAND_NAMES[typedName];
  const name = koreanName ?? typedName;
  const command = commandsByName.get(name);
  if (!command) return { content: `Unknown command /${typedName.slice(0, 30)}. Try /help.` };
  const optionName = TEXT_OPTION[name];
  const request: CommandRequest = {
    options: optionName ? { [optionName]: match[2] } : {},
    // Discord shows the Korean names to Korean clients only: a Korean name is a Korean locale.
    lang: koreanName ? 'ko' : langFromLocale(locale),
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
    // Piped input is not shown by a terminal: the question is echoed so a transcript reads question, answer.
    if (!interactive && line.trim()) output.write(`> ${terminalSafe(boundLine(line).trim())}\n`);
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
