import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/knowledge/topic.ts';
import { sharedContext } from './helpers/bot.ts';

/**
 * Facts that were once wrong in the notes, each checked against its source (listed in the topic's
 * `sources:`). Every assertion here failed on the old wording.
 */
const kb = sharedContext().kb;
const body = (id: string, lang: 'en' | 'ko') => kb.byId.get(id)!.body[lang];

describe('facts that hold', () => {
  it('ss prints * for a dual-stack :: listener and [::] only for a v6-only one (iproute2 ss.c)', () => {
    for (const id of ['bind-all-interfaces/ipv6', 'network-diagnostics/ss-ip']) {
      for (const lang of LANGS) {
        const text = body(id, lang);
        // Old wording lumped both together: "`[::]:8080` or `*:8080`".
        expect(text, `${id} ${lang}`).not.toMatch(/`\[::\]:8080`\s*(or|이나)\s*`\*:8080`/);
        expect(text, `${id} ${lang}`).toMatch(lang === 'en' ? /`\*:8080`[^\n]*(dual-stack|IPv4 and IPv6)/ : /`\*:8080`[^\n]*(듀얼 스택|IPv4·IPv6)/);
        expect(text, `${id} ${lang}`).toMatch(lang === 'en' ? /`\[::\]:8080`[^\n]*(IPv6-only|v6-only|IPv6 interfaces only)/ : /`\[::\]:8080`[^\n]*(IPv6 전용|v6 전용|IPv6 인터페이스만)/);
      }
    }
  });

  it("socketserver.TCPServer does not set SO_REUSEADDR; http.server's HTTPServer does", () => {
    for (const lang of LANGS) {
      const text = body('port-conflict/time-wait', lang);
      expect(text).not.toMatch(/`socketserver`\s*(via|의) `allow_reuse_address = True`/);
      expect(text).toMatch(/socketserver\.TCPServer[\s\S]{0,80}`False`/);
      expect(text).toMatch(/http\.server\.HTTPServer/);
    }
  });

  it('processes=N needs threaded=False (Werkzeug raises ValueError otherwise)', () => {
    for (const lang of LANGS) {
      const text = body('flask-run-options', lang);
      expect(text).toMatch(/threaded=False, processes=\d/);
      expect(text).toMatch(/Cannot have a multi-thread and multi-process server/);
    }
  });

  it('FLASK_RUN_PORT is read by flask run only, not by app.run()', () => {
    for (const lang of LANGS) {
      const text = body('port-conflict/macos-airplay', lang);
      // Old wording: "`app.run(port=5001)`, or `FLASK_RUN_PORT=5001`" as if either applied to app.run.
      expect(text).not.toMatch(/`app\.run\(port=5001\)`(, or|, 또는) `FLASK_RUN_PORT=5001`/);
      expect(text).toMatch(/FLASK_RUN_PORT=5001`[^\n]*(only `flask run`|`flask run`만)/);
    }
  });

  it('macOS lets users bind low ports only on the wildcard address', () => {
    for (const lang of LANGS) {
      const text = body('ports/privileged', lang);
      expect(text).toMatch(/Mojave[^\n]*(wildcard|와일드카드)[^\n]*`127\.0\.0\.1:80`[^\n]*Permission denied/);
    }
  });

  it('says which clients ECONNREFUSED ::1 bites: Node 17–19, not Node 20 with autoSelectFamily', () => {
    for (const lang of LANGS) {
      const text = body('localhost/ipv6', lang);
      expect(text).toMatch(/17(–|~)19/);
      expect(text).toMatch(/Node\.js 20[^\n]*autoSelectFamily/);
    }
  });

  it('Run Without Debugging attaches no debugger for Python, but not for every debugger', () => {
    for (const lang of LANGS) {
      const text = body('run-vs-debug', lang);
      expect(text).not.toMatch(/^- Starts the program as a normal process with no debugger attached/m);
      expect(text).not.toMatch(/^- 디버거를 붙이지 않고 일반 프로세스로 실행/m);
      expect(text).toMatch(/debugpy[^\n]*\n?[^\n]*(C\/C\+\+|gdb)/);
    }
  });

  it('every corrected topic names its sources', () => {
    for (const id of ['bind-all-interfaces/ipv6', 'network-diagnostics/ss-ip', 'port-conflict/time-wait', 'flask-run-options', 'port-conflict/macos-airplay', 'ports/privileged', 'localhost/ipv6', 'run-vs-debug']) {
      expect(kb.byId.get(id)!.sources.length, id).toBeGreaterThan(0);
    }
  });
});
