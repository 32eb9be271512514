import dotenv from 'dotenv';
import { knowledgeDirsFrom } from './config.ts';
import { buildSnapshot } from './knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError } from './knowledge/load.ts';

/**
 * `npm run knowledge:check`: the validation the running bot does before a reload, for editors and
 * CI. Exit 0 when every file loads and indexes; else each problem as `file:line: problem`, exit 1.
 */
dotenv.config({ quiet: true });
const extraDirs = knowledgeDirsFrom();
try {
  const { kb } = buildSnapshot({ dir: DEFAULT_KNOWLEDGE_DIR, extraDirs });
  console.log(`knowledge ok: ${kb.topics.length} topics${extraDirs.length ? ` (built-in and ${extraDirs.join(', ')})` : ''}`);
} catch (error) {
  const problems = error instanceof KnowledgeError ? error.problems : [error instanceof Error ? error.message : String(error)];
  for (const problem of problems) console.error(problem);
  console.error(`knowledge check failed: ${problems.length} problem(s)`);
  process.exitCode = 1;
}
