/**
 * Pasted logs and tracebacks: the error line and its signature (EADDRINUSE, Errno 98) carry the
 * question; file paths and stack frames around it do not, and would only dilute the evidence.
 * Long numbers, timestamps and hex need no rule here: query.ts weighs them as nothing; the short
 * counters of a socket listing (queue sizes, pid, fd) are blanked below.
 */

/**
 * A file path of two or more named segments (/usr/lib/python3/site-packages/x.py, C:\app\run.py,
 * ./src/a.js); a list of numbers (22/80/443) or an address range (10.0.0.0/8) is not one.
 */
const FILE_PATH = /(?:[a-z]:)?(?:\.{0,2}[\\/][\w.@~+-]*[a-z_][\w.@~+-]*){2,}[\\/]?/giu;
/** A stack frame: "at fn (file:line:col)" (Node), `File "x.py", line 3, in run` (Python). */
const STACK_FRAME = /\bat [\w.<>$[\] ]+\([^)]*\)|\bFile "[^"]*", line \d+(?:, in [\w<>]+)?/gu;

/**
 * The counters of a pasted socket line (`ss`, `netstat`): a state's two queue sizes (LISTEN 0 128)
 * and a process's pid and file descriptor (pid=812,fd=6). They are a listing's noise, not short
 * numbers the question is about (a port, 413), so they are blanked; the state and names stay.
 */
const SOCKET_QUEUES = /\b(LISTEN|ESTAB|TIME-WAIT|CLOSE-WAIT|SYN-SENT|SYN-RECV|FIN-WAIT-[12]|UNCONN)\s+\d+\s+\d+/gu;
const SOCKET_PROCESS = /\b(pid)=\d+|\bfd=\d+/gu;

/** The question with its paths, stack frames and socket counters blanked out (the words around them are kept). */
export function quietPaste(text: string): string {
  return text.replace(STACK_FRAME, ' ').replace(FILE_PATH, ' ').replace(SOCKET_QUEUES, '$1').replace(SOCKET_PROCESS, (_, pid?: string) => ` ${pid ?? ''} `);
}
