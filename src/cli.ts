import readline from 'node:readline';
import { createContext, type BotContext } from './app.ts';
import { explainSearch, search, type SearchResult } from './knowledge/search.ts';
import type { Lang } from './knowledge/topic.ts';
import { hintsFor } from './ports/meaning.ts';
import { parsePort, portInputError } from './ports/parse-port.ts';
import { serviceJson } from './ports/services.ts';
import { portReply } from './replies/port-reply.ts';
import { chatAnswerReply } from './replies/chat-answer.ts';
import { noAnswerReply, suggestionsReply } from './replies/topic-reply.ts';
import { renderForTerminal } from './transports/terminal.ts';

const USAGE = `usage:
  cli ask [--json] [--explain] "<question>"   answer from the knowledge base
  cli ask --json                              one question a line on standard input, one JSON line each
  cli port <1-65535> [--json]                 read-only lookup of a port on this host
  cli topics                                  list the knowledge topics`;

/** Exit codes: 0 done, 1 internal failure, 2 bad input (nothing was looked up). */
async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const [command, ...rest] = argv.filter((a) => !a.startsWith('--'));
  const json = flags.has('--json');
  if (!command || flags.has('--help')) {
    console.log(USAGE);
    return command || flags.has('--help') ? 0 : 2;
  }
  const known = new Set(['--json', '--explain', '--help']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (unknown.length) {
    console.error(`unknown option ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  switch (command) {
    case 'ask':
      return ask(createContext(), rest.join(' '), json, flags.has('--explain'));
    case 'port':
      return port(rest, json);
    case 'topics': {
      const { kb } = createContext();
      for (const t of kb.topics) console.log(`${t.id.padEnd(34)} ${t.title.en}`);
      return 0;
    }
    default:
      console.error(`unknown command "${command.slice(0, 30)}"\n${USAGE}`);
      return 2;
  }
}

function askJson(result: SearchResult): string {
  return JSON.stringify({
    query: result.query,
    answer: result.answer?.id ?? null,
    outcome: result.outcome,
    lang: result.lang,
    candidates: result.candidates.map((c) => ({ id: c.topic.id, title: c.topic.title[result.lang], score: c.score })),
  });
}

function askText(result: SearchResult, ctx: BotContext, lang: Lang): string {
  if (result.answer) return renderForTerminal(chatAnswerReply(result.answer, lang, ctx.kb, result.query));
  if (result.outcome === 'suggest') return renderForTerminal(suggestionsReply(result.candidates, lang));
  return renderForTerminal(noAnswerReply(lang));
}

async function ask(ctx: BotContext, question: string, json: boolean, explain: boolean): Promise<number> {
  const answer = (q: string) => {
    const result = search(ctx.index, q);
    if (explain) return explainSearch(ctx.index, q);
    return json ? askJson(result) : askText(result, ctx, result.lang);
  };
  if (question.trim()) {
    console.log(answer(question));
    return 0;
  }
  if (!json) {
    console.error(`ask needs a question (or --json to read them from standard input)\n${USAGE}`);
    return 2;
  }
  // Batch mode: one process, one index, one JSON line per input line, in order.
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    console.log(answer(line));
  }
  return 0;
}

async function port(args: string[], json: boolean): Promise<number> {
  const input = args.join(' ');
  const parsed = args.length === 1 ? parsePort(args[0]) : parsePort(args.length ? input : '');
  if (!parsed.ok) {
    const error = portInputError(parsed.problem, parsed.input);
    if (json) console.log(JSON.stringify({ port: null, input, valid: false, error }));
    else console.error(error);
    return 2;
  }
  const ctx = createContext({ showProcessNames: process.env.PORT_LOOKUP_SHOW_PROCESS?.trim().toLowerCase() !== 'false' });
  const report = await ctx.lookupPort(parsed.port);
  if (!json) {
    console.log(renderForTerminal(portReply(report, 'en', ctx.kb)));
    return 0;
  }
  console.log(
    JSON.stringify({
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
    }),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
