import { describe, expect, it } from 'vitest';
import { analyze, stemEnglish, stemKorean } from '../src/knowledge/analyze.ts';
import { editDistance, TypoIndex } from '../src/knowledge/fuzzy.ts';
import { isChoseongQuery, qwertyToHangul, toChoseong, toJamo } from '../src/knowledge/hangul.ts';

const terms = (text: string) => analyze(text).map((t) => t.term);

describe('Korean analysis', () => {
  it('strips particles and endings to reach the stem', () => {
    expect(stemKorean('포트가')).toBe('포트');
    expect(stemKorean('충돌했어요')).toBe('충돌');
    expect(stemKorean('접속하려면')).toBe('접속');
    expect(stemKorean('뜻이에요')).toBe('뜻');
    // A one-syllable remainder is not cut from a single-letter "particle": 가장 stays 가장.
    expect(stemKorean('가장')).toBe('가장');
  });

  it('splits Hangul from Latin and digits, and drops particles left on their own', () => {
    expect(terms('다른 PC에서 0.0.0.0으로 접속')).toEqual(['다른', 'pc', '0.0.0.0', '접속']);
  });

  it('keeps initial-consonant runs but not laughter', () => {
    expect(terms('ㅍㅌ ㅊㄷ ㅋㅋㅋ ㅎㅎ')).toEqual(['ㅍㅌ', 'ㅊㄷ']);
    expect(isChoseongQuery('ㅎㅎ')).toBe(false);
    expect(toChoseong('포트 충돌')).toBe('ㅍㅌ ㅊㄷ');
  });

  it('reads Hangul typed with the keyboard in English mode', () => {
    expect(qwertyToHangul('vhxm')).toBe('포트');
    expect(qwertyToHangul('cndehf')).toBe('충돌');
    expect(qwertyToHangul('hello')).toBeNull();
  });

  it('never throws on Latin text that cannot form syllables', () => {
    for (const word of ['localhost', 'rhkd', 'qqqqq', 'xyzzy', 'aAaAaA', 'ㅗ', 'nginx']) expect(() => qwertyToHangul(word)).not.toThrow();
    expect(qwertyToHangul('localhost')).toBeNull();
  });

  it('measures typos at jamo level, where 포투 is one letter from 포트', () => {
    expect(toJamo('포트')).toBe('ㅍㅗㅌㅡ');
    expect(editDistance(toJamo('포투'), toJamo('포트'))).toBe(1);
    expect(editDistance(toJamo('충돓'), toJamo('충돌'))).toBe(1);
  });
});

describe('English analysis', () => {
  it('stems inflections without merging different words', () => {
    expect(stemEnglish('ports')).toBe('port');
    expect(stemEnglish('listening')).toBe('listen');
    expect(stemEnglish('debugging')).toBe('debug');
    expect(stemEnglish('https')).toBe('https');
    expect(stemEnglish('address')).toBe('address');
  });

  it('keeps addresses whole and implies their class', () => {
    const [token] = analyze('192.168.0.5');
    expect(token?.term).toBe('192.168.0.5');
    expect(token?.implied).toContain('192.168.x.x');
    expect(terms('::1 and [::]:8080')).toEqual(['::1', '::', '8080']);
    expect(terms('app.run(host="0.0.0.0", debug=True)')).toEqual(['app', 'run', 'host', '0.0.0.0', 'debug', 'true']);
  });

  it('keeps a key combination whole, so Ctrl+C is not Ctrl+F5', () => {
    expect(terms('Ctrl+F5 vs ctrl + c, Control+C, Shift+F5')).toEqual(['ctrl+f5', 'ctrl+c', 'ctrl+c', 'shift+f5']);
    // The named key is implied, so "F5" alone still meets "Ctrl+F5"; a letter key is not.
    expect(analyze('Ctrl+F5')[0]?.implied).toEqual(['f5']);
    expect(analyze('ctrl+c')[0]?.implied).toBeUndefined();
    expect(terms('controller options')).toEqual(['controller', 'option']);
  });
});

describe('typo index', () => {
  it('finds terms one edit away and not two, for short words', () => {
    const index = new TypoIndex((n) => (n < 4 ? 0 : n < 8 ? 1 : 2));
    for (const word of ['flask', 'localhost', 'firewall']) index.add(word, word);
    expect(index.lookup('flsk').map((m) => m.term)).toEqual(['flask']);
    expect(index.lookup('locahost').map((m) => m.term)).toEqual(['localhost']);
    expect(index.lookup('firewal').map((m) => m.term)).toEqual(['firewall']);
    // Two edits are allowed from eight letters up, and only one below.
    expect(index.lookup('lcoalhsot')).toEqual([{ term: 'localhost', distance: 2 }]);
    expect(index.lookup('fierwal')).toEqual([]);
    expect(index.lookup('fl')).toEqual([]);
    expect(index.lookup('blask').map((m) => m.distance)).toEqual([1]);
    expect(index.lookup('bxask')).toEqual([]);
  });
});
