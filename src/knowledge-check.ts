import dotenv from 'dotenv';
import { processIo, type CliIo } from './cli-io.ts';
import { knowledgeDirsFrom } from './config.ts';
import { isEntryPoint } from './entry-point.ts';
import { buildSnapshot } from './knowledge/live.ts';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError } from './knowledge/load.ts';

/**
 * `npm run knowledge:check`: the validation the running bot does before a reload, for editors and
 * CI. Exit 0 when every file loads and indexes; else each problem as `file:line: problem`, exit 1.
 */
export function checkKnowledge(io: CliIo = processIo): number {
  dotenv.config({ quiet: true, processEnv: io.env });
  const extraDirs = knowledgeDirsFrom(io.env);
  try {
    const { kb } = buildSnapshot({ dir: DEFAULT_KNOWLEDGE_DIR, extraDirs });
    io.out(`knowledge ok: ${kb.topics.length} topics${extraDirs.length ? ` (built-in and ${extraDirs.join(', ')})` : ''}`);
    return 0;
  } catch (error) {
    const problems = error instanceof KnowledgeError ? error.problems : [error instanceof Error ? error.message : String(error)];
    for (const problem of problems) io.err(problem);
    io.err(`knowledge check failed: ${problems.length} problem(s)`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) process.exitCode = checkKnowledge();
