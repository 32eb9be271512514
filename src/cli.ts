import readline from 'node:readline';
import dotenv from 'dotenv';
import { answer } from './answers/answer.ts';
import { contextOptionsFrom, createContext, type BotContext } from './app.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { isEntryPoint } from './entry-point.ts';
import { boundLine } from './knowledge/bounds.ts';
import { explainSearch, type SearchResult } from './knowledge/search.ts';
import { hintsFor } from './ports/meaning.ts';
import { parsePort, portInputError } from './ports/parse-port.ts';
import { serviceJson } from './ports/services.ts';
import { portReply } from './replies/port-reply.ts';
import { statsCommand } from './stats/cli-stats.ts';
import { renderForTerminal, terminalSafe } from './transports/terminal.ts';

const USAGE = `usage:
  cli help                                    this text (also: cli --help)
  cli ask [--json] [--explain] "<question>"   answer from the knowledge base
                                              (a question starting with - goes after a lone --)
  cli ask --json                              one question a line on standard input, one JSON line each
  cli port <1-65535> [--json]                 read-only lookup of a port on this host
  cli topics                                  list the knowledge topics
  cli stats [--days N] [--json]               what was asked, what helped, what went unanswered (DATA_DIR)`;

/** What the commands print through: terminal-safe text and JSON lines. */
interface Printer {
  /** Text for the terminal: control characters and escape sequences from the input are shown, never sent raw. */
  say(text: string): void;
  complain(text: string): void;
  /**
   * One JSON line. JSON already escapes C0 control characters; DEL, C1 (0x9b is a CSI) and the
   * bidirectional overrides are escaped too, so the line is as safe in a terminal as in a pipe.
   */
  sayJson(value: unknown): void;
}

function printerFor(io: CliIo): Printer {
  return {
    say: (text) => io.out(terminalSafe(text)),
    complain: (text) => io.err(terminalSafe(text)),
    sayJson: (value) => io.out(JSON.stringify(value).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)),
  };
}

/** Runs one CLI call. Exit codes: 0 done, 1 internal failure, 2 bad input or configuration (nothing was looked up). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const print = printerFor(io);
  const { say, complain } = print;
  // After a lone `--`, everything is an argument: a question may start with dashes (--network host …).
  const end = argv.indexOf('--');
  const [options, operands] = end < 0 ? [argv, []] : [argv.slice(0, end), argv.slice(end + 1)];
  const flags = new Set(options.filter((a) => a.startsWith('--')));
  const [command, ...rest] = [...options.filter((a) => !a.startsWith('--')), ...operands];
  const json = flags.has('--json');
  if (!command || command === 'help' || flags.has('--help')) {
    say(USAGE);
    return command || flags.has('--help') ? 0 : 2;
  }
  const known = new Set(['--json', '--explain', '--help', '--days']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (unknown.length) {
    complain(`unknown option ${unknown[0]!.slice(0, 30)}\n${USAGE}`);
    return 2;
  }
  // The same environment, read and validated the same way, as the bot: a value the bot refuses is refused here.
  dotenv.config({ quiet: true, processEnv: io.env });
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    complain(`cli: ${error.message}\nSee .env.example for every variable.`);
    return 2;
  }
  switch (command) {
    case 'ask':
      return ask(createContext(contextOptionsFrom(config)), rest.join(' '), { json, explain: flags.has('--explain') }, io, print);
    case 'port':
      return port(rest, json, config, print);
    case 'topics': {
      const { kb } = createContext(contextOptionsFrom(config));
      for (const t of kb.topics) say(`${t.id.padEnd(34)} ${t.title.en}`);
      return 0;
    }
    case 'stats':
      return statsCommand(argv, json, USAGE, io, config);
    default:
      complain(`unknown command "${command.slice(0, 30)}"\n${USAGE}`);
      return 2;
  }
}

function askJson(result: SearchResult) {
  return {
    query: result.query,
    answer: result.answer?.id ?? null,
    outcome: result.outcome,
    lang: result.lang,
    candidates: result.candidates.map((c) => ({ id: c.topic.id, title: c.topic.title[result.lang], score: c.score })),
  };
}

async function ask(ctx: BotContext, question: string, { json, explain }: { json: boolean; explain: boolean }, io: CliIo, { say, sayJson, complain }: Printer): Promise<number> {
  const reply = (asked: string) => {
    const q = boundLine(asked);
    if (explain) return say(explainSearch(ctx.index, q));
    // The answer a person would get from the bot when they mention it: the same path, the same language policy.
    const { reply, result } = answer(ctx, { text: q, read: 'question', form: 'chat', whenUnsure: 'suggest', whenNone: 'say' });
    return json ? sayJson(askJson(result)) : say(renderForTerminal(reply));
  };
  if (question.trim()) {
    reply(question);
    return 0;
  }
  if (!json) {
    complain(`ask needs a question (or --json to read them from standard input)\n${USAGE}`);
    return 2;
  }
  // Batch mode: one process, one index, one JSON line per input line, in order.
  for await (const line of readline.createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    reply(line);
  }
  return 0;
}

async function port(args: string[], json: boolean, config: Config, { say, sayJson, complain }: Printer): Promise<number> {
  const input = boundLine(args.join(' '));
  const parsed = args.length === 1 ? parsePort(input) : parsePort(args.length ? input : '');
  if (!parsed.ok) {
    const error = portInputError(parsed.problem, parsed.input);
    if (json) sayJson({ port: null, input, valid: false, error });
    else complain(error);
    return 2;
  }
  const ctx = createContext(contextOptionsFrom(config));
  const report = await ctx.lookupPort(parsed.port);
  if (!json) {
    say(renderForTerminal(portReply(report, 'en', ctx.kb)));
    return 0;
  }
  sayJson({
    port: report.port,
    valid: true,
    inUse: report.inUse,
    listeners: report.listeners,
    service: report.service ? serviceJson(report.service) : null,
    suggestions: report.suggestions,
    range: report.range,
    botMayBind: report.botMayBind,
    hints: hintsFor(report),
    method: report.method,
    certainty: report.certainty,
    ownersHidden: report.ownersHidden,
    checkedAt: report.checkedAt,
  });
  return 0;
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      printerFor(processIo).complain(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
