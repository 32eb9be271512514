/**
 * Pasted logs and tracebacks: the error line and its signature (EADDRINUSE, Errno 98) carry the
 * question; file paths and stack frames around it do not, and would only dilute the evidence.
 * Numbers, pids, timestamps and hex need no rule here: a number the knowledge does not know
 * weighs nothing (query.ts).
 */

/**
 * A file path of two or more named segments (/usr/lib/python3/site-packages/x.py, C:\app\run.py,
 * ./src/a.js); a list of numbers (22/80/443) or an address range (10.0.0.0/8) is not one.
 */
const FILE_PATH = /(?:[a-z]:)?(?:\.{0,2}[\\/][\w.@~+-]*[a-z_][\w.@~+-]*){2,}[\\/]?/giu;
/** A stack frame: "at fn (file:line:col)" (Node), `File "x.py", line 3, in run` (Python). */
const STACK_FRAME = /\bat [\w.<>$[\] ]+\([^)]*\)|\bFile "[^"]*", line \d+(?:, in [\w<>]+)?/gu;

/** The question with its paths and stack frames blanked out (the words around them are kept). */
export function quietPaste(text: string): string {
  return text.replace(STACK_FRAME, ' ').replace(FILE_PATH, ' ');
}
