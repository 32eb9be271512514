/**
 * A child process for the crash test: records questions as fast as it can in the stats file under
 * argv[2] and prints each id once its insert has committed, until it is killed.
 */
import { openStats } from '../../src/stats/store.ts';

const log = openStats({ dataDir: process.argv[2]!, retentionDays: 30, pruneEveryMs: 0 });
for (let i = 0; ; i++) {
  const id = log.record({ guildId: '500000000000000001', channelId: '400000000000000001', userId: `3000000000000000${i % 10}`, lang: 'en', outcome: i % 3 ? 'answered' : 'silent', topic: 'ports', question: `question number ${i}` });
  process.stdout.write(`${id}\n`);
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
