import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/app.ts';
import { KnowledgeError, loadKnowledge } from '../src/knowledge/load.ts';
import { loadServices } from '../src/ports/services.ts';
import { PassThrough, Readable } from 'node:stream';
import { createLogger } from '../src/log.ts';
import { consoleReply, runConsole } from '../src/transports/console.ts';
import { renderForTerminal, terminalSafe } from '../src/transports/terminal.ts';
import { sharedContext } from './helpers/bot.ts';
import { runCli } from './helpers/cli.ts';
import { tempFolder } from './helpers/temp-folder.ts';

/** Issue 9's smaller faults: configuration read once, errors that name file and line, terminal-safe output. */

/** The CLI in process (tests/helpers/cli.ts): the same main() as `npm run cli`, with only these variables set. */
const cli = (args: string[], env: Record<string, string> = {}, input?: string) => runCli(args, env, input);
const temp = () => tempFolder('devops-bot-');

/** Raw control bytes a terminal would act on: NUL, ESC, BEL, CR, DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

describe('the CLI reads the same validated configuration as the bot', () => {
  it('refuses PORT_LOOKUP_SHOW_PROCESS=maybe with a clear error and exit 2, showing nothing', async () => {
    const result = await cli(['port', '5000', '--json'], { PORT_LOOKUP_SHOW_PROCESS: 'maybe' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/PORT_LOOKUP_SHOW_PROCESS must be true or false/);
  });

  it('honours PORT_LOOKUP_SHOW_PROCESS=off as the bot does', async () => {
    const result = await cli(['port', '5000', '--json'], { PORT_LOOKUP_SHOW_PROCESS: 'off' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).ownersHidden).toBe(true);
  });
});

describe('every knowledge and services file error names the file and the line', () => {
  it('a broken services.yaml: YAML syntax', () => {
    const file = path.join(temp(), 'services.yaml');
    fs.writeFileSync(file, '- { port: 20, protocol: tcp, name: A, en: a, ko: 가 }\n- { port: 22, protocol: [tcp, name: B }\n');
    expect(() => loadServices(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:\\d+: not valid YAML`));
    // Start-up fails the same way, naming the file.
    expect(() => createContext({ servicesFile: file })).toThrow(/services\.yaml:2/);
  });

  it('a broken services.yaml: a bad entry', () => {
    const file = path.join(temp(), 'services.yaml');
    fs.writeFileSync(file, '# comment\n- { port: 20, protocol: tcp, name: A, en: a, ko: 가 }\n\n- port: 70000\n  protocol: tcp\n  name: B\n  en: b\n  ko: 나\n');
    expect(() => loadServices(file)).toThrow(/services\.yaml:4: entry 2: "port" must be a whole number/);
  });

  it('a broken topic file: YAML syntax, fields, body, and problems between files', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'broken.md'), '---\nid: broken\ntitle: { en: A, ko: 가 }\nsummary: { en: S, ko: [ }\n---\n# English\nx\n# 한국어\ny\n');
    fs.writeFileSync(path.join(dir, 'fields.md'), '---\nid: fields\ntitle: { en: A, ko: 가 }\nsummary: { en: S }\nkeyword: [a]\naliases: { en: [a], ko: [가] }\nkeywords: { en: [a], ko: [가] }\nrelated: [nowhere]\n---\n# English\nx\n');
    try {
      loadKnowledge(dir);
      throw new Error('expected a KnowledgeError');
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      const problems = (error as KnowledgeError).problems;
      expect(problems).toContainEqual(expect.stringMatching(/(?:^|\/)broken\.md: front matter is not valid YAML: .* \(line 4\)$/));
      expect(problems).toContainEqual(expect.stringMatching(/(?:^|\/)fields\.md: unknown field "keyword" .*\(line 5\)$/));
      expect(problems).toContainEqual(expect.stringMatching(/(?:^|\/)fields\.md: "summary\.ko" must be a non-empty text \(line 4\)$/));
      expect(problems).toContainEqual(expect.stringMatching(/(?:^|\/)fields\.md: body needs a non-empty "# 한국어" section \(line 10\)$/));
      for (const problem of problems) expect(problem).toMatch(/^\S+\.md: .*\(line \d+\)$/);
    }
  });
});

describe('control characters from the input never reach a terminal raw', () => {
  const hostile = 'what is \u001b[2J\u001b]0;owned\u0007 localhost\u0000\r\u009b31m\u202e';
  /** Command-line arguments cannot hold NUL; standard input can. */
  const hostileArg = hostile.replace('\u0000', '');

  it('shows each control character as a visible escape', () => {
    expect(terminalSafe('a\u001b[2Jb\u0000c\nd\te')).toBe('a\\x1b[2Jb\\x00c\nd\te');
    expect(terminalSafe('\u202eevil')).toBe('\\u202eevil');
  });

  it('the console: unknown commands and questions', async () => {
    const ctx = sharedContext();
    for (const line of [`/nope\u001b[2J${hostile}`, hostile, `/explain ${hostile}`, `/port 80${hostile}`]) {
      const reply = await consoleReply(line, ctx);
      if (reply) expect(renderForTerminal(reply)).not.toMatch(RAW_CONTROL);
    }
    // The console loop itself, as `npm start` runs it on piped input (echo included).
    const output = new PassThrough();
    let stdout = '';
    output.on('data', (chunk) => (stdout += chunk));
    await runConsole(ctx, createLogger('error', [], () => {}), Readable.from([`/nope\u001b[2J\u0000\n${hostile}\n`]) as never, output as never);
    expect(stdout).toMatch(/Unknown command \/nope\\x1b\[2j\\x00/);
    expect(stdout).not.toMatch(RAW_CONTROL);
  });

  it('the CLI in text mode: answers, --explain, and errors', async () => {
    for (const args of [['ask', hostileArg], ['ask', '--explain', hostileArg], [`bogus${hostileArg}`], ['port', `80${hostileArg}`], [`--x${hostileArg}`]]) {
      const result = await cli(args);
      expect(result.stdout + result.stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(result.stdout + result.stderr).not.toBe('');
    }
    const json = await cli(['ask', '--json'], {}, `${hostile}\n`);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    // readline ends a line at CR too: two questions, two JSON lines, the first one's query intact.
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0].query).toBe(hostile.slice(0, hostile.indexOf('\r')));
  });
});
