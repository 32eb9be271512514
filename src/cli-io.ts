/** Where a command-line program (the CLI, knowledge:check) reads and writes: the process's own streams and environment, or a test's. */
export interface CliIo {
  /** One line (or block) to standard output. */
  out(text: string): void;
  /** One line (or block) to standard error. */
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  stdin: process.stdin,
  env: process.env,
};
