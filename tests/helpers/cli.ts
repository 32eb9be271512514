import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli-io.ts';
import { main } from '../../src/cli.ts';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command-line program's main in this process, with its output captured: the same code as
 * `npm run cli`, without starting npm, tsx and node for each call. Only the variables given (and
 * PATH and HOME) are set, so the developer's shell does not leak in.
 */
export async function runInProcess(program: (io: CliIo) => number | Promise<number>, env: Record<string, string> = {}, input = ''): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await program({
    out: (text) => out.push(`${text}\n`),
    err: (text) => err.push(`${text}\n`),
    stdin: Readable.from([input]),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** `npm run cli -- <args>`, in process. */
export function runCli(args: string[], env: Record<string, string> = {}, input = ''): Promise<CliRun> {
  return runInProcess((io) => main(args, io), env, input);
}
