import type { CliIo } from '../cli-io.ts';
import type { Config } from '../config.ts';
import { MAX_STATS_DAYS } from '../commands/stats.ts';
import { renderForTerminal, terminalSafe } from '../transports/terminal.ts';
import { statsReply } from './stats-reply.ts';
import { readSummary } from './store.ts';
import { DEFAULT_DAYS } from './summary.ts';

/**
 * `cli stats [--days N] [--json]`: the /stats summary of every server, from the bot's file in
 * DATA_DIR, read through the same validated configuration as the bot (DATA_DIR, STATS).
 */
export function statsCommand(argv: string[], json: boolean, usage: string, io: CliIo, config: Pick<Config, 'dataDir' | 'stats'>): number {
  const at = argv.indexOf('--days');
  let days = DEFAULT_DAYS;
  if (at >= 0) {
    const value = argv[at + 1] ?? '';
    if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MAX_STATS_DAYS) {
      io.err(`--days needs a whole number from 1 to ${MAX_STATS_DAYS}\n${usage}`);
      return 2;
    }
    days = Number(value);
  }
  const extra = argv.filter((a, i) => a !== 'stats' && !a.startsWith('--') && !(at >= 0 && i === at + 1));
  if (extra.length) {
    io.err(`stats takes no argument "${extra[0]!.slice(0, 30)}"\n${usage}`);
    return 2;
  }
  const summary = readSummary(config.dataDir, { days });
  io.out(json ? JSON.stringify(summary) : terminalSafe(renderForTerminal(statsReply(summary, 'en', config.stats))));
  return 0;
}
