import { isChoseongQuery, isHangulWord } from './hangul.ts';
import { quietPaste } from './paste.ts';
import { ENGLISH_STOPWORDS, KOREAN_STOPWORDS, KOREAN_SUFFIXES } from './stopwords.ts';

const KOREAN_SUFFIX_SET = new Set(KOREAN_SUFFIXES);

/**
 * The kinds of token the search tells apart:
 * `word` English or a number, `hangul` a Korean stem, `choseong` initial consonants (ㅍㅌ),
 * `address` an IP address or its class (127.0.0.1, 192.168.x.x, ::1).
 */
export type TokenKind = 'word' | 'hangul' | 'choseong' | 'address';

export interface Token {
  term: string;
  kind: TokenKind;
  /** The text as typed (before stemming), for typo and keyboard-layout recovery. */
  raw: string;
  /** Extra terms implied by this one (an address's class); they count with it, not as words of their own. */
  implied?: string[];
}

const TOKEN_PATTERN =
  /((?<![\p{L}\d])(?:ctrl|control|shift|alt|cmd|command|option)(?:\s*\+\s*[\p{Script=Latin}\d]+)+)|(?<![\d.])(\d{1,3}(?:\.(?:\d{1,3}|x|\*)){1,3})(?![\d])|(?<![\w:])(::(?:1|ffff)?)(?![\w])|([\p{Script=Latin}\d]+(?:_+[\p{Script=Latin}\d]+)*)|([\uAC00-\uD7A3]+)|([\u3131-\u318E]+)/gu;

/**
 * Lower-cases, composes Hangul, and reads real text: full-width and other compatibility forms
 * (ＥＡＤＤＲＩＮＵＳＥ, ﬁ) become plain (NFKC), except Hangul compatibility jamo, which NFKC would
 * turn into conjoining jamo (ㅍ → ᄑ) and so break initial-consonant search; zero-width characters
 * go; contractions are undone (won't → will not, it’s → it), straight or curly, so that no
 * fragment (won, t) is left to weigh as an unknown word.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(NOT_COMPATIBILITY_JAMO, (run) => run.normalize('NFKC'))
    .replace(ZERO_WIDTH, '')
    .toLowerCase()
    .replace(CONTRACTION, (_, stem: string, ending: string) => (ending.startsWith('n') ? `${IRREGULAR_NOT[stem] ?? stem} not` : stem));
}

const NOT_COMPATIBILITY_JAMO = /[^\u3131-\u318E]+/gu;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
/** A word and its contracted ending, after NFKC made curly apostrophes (’) straight-ish: both are accepted. */
const CONTRACTION = /(\p{Script=Latin}+?)(n['’‘`]t|['’‘`](?:s|re|ve|ll|d|m))(?!\p{L})/gu;
const IRREGULAR_NOT: Record<string, string> = { wo: 'will', ca: 'can', sha: 'shall' };

/**
 * Splits text into search tokens: stems, addresses and initial-consonant runs; drops function words.
 * The question just read by the search (most have no pasted noise to quiet) is not read again.
 */
export function analyze(text: string): readonly Token[] {
  if (lastQuestion?.quiet === text) return lastQuestion.read.tokens;
  return tokenize(normalize(text));
}

/** A question as the search reads it: pasted noise quieted (paste.ts), normalized, and its tokens. */
export interface ReadQuestion {
  normalized: string;
  tokens: readonly Token[];
}

let lastQuestion: { text: string; quiet: string; read: ReadQuestion } | null = null;

/**
 * Reads a question once for the term ranking and the phrasing, which both read it, one after the
 * other: the last question read is kept for the second. Callers do not change what they get.
 */
export function readQuestion(text: string): ReadQuestion {
  if (lastQuestion?.text !== text) {
    const quiet = quietPaste(text);
    const normalized = normalize(quiet);
    lastQuestion = { text, quiet, read: { normalized, tokens: tokenize(normalized) } };
  }
  return lastQuestion.read;
}

function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const [raw, keys, dotted, ipv6, latin, hangul, jamo] = match;
    if (keys) tokens.push(keyComboToken(keys));
    else if (dotted) tokens.push(addressToken(dotted));
    else if (ipv6) tokens.push({ term: ipv6, kind: 'address', raw: ipv6 });
    else if (latin) {
      if (latin.includes('_')) tokens.push(identifierToken(latin));
      else if (latin.length > 1 && !ENGLISH_STOPWORDS.has(latin)) tokens.push({ term: stemEnglish(latin), kind: 'word', raw: latin });
    } else if (hangul) {
      const stem = stemKorean(hangul);
      // A particle on its own was split from a Latin word or number (PC에서, 0.0.0.0으로).
      const functionWord = KOREAN_STOPWORDS.has(stem) || KOREAN_STOPWORDS.has(hangul) || KOREAN_SUFFIX_SET.has(hangul);
      if (stem && !functionWord) {
        tokens.push({ term: stem, kind: 'hangul', raw: hangul });
      }
    } else if (jamo && isChoseongQuery(jamo)) {
      tokens.push({ term: jamo, kind: 'choseong', raw: raw });
    }
  }
  return tokens;
}

/**
 * A key combination (ctrl+c, Ctrl + F5) is one term: Ctrl+C stops a server, Ctrl+F5 runs without
 * debugging. A named key (f5) is implied, so F5 alone still finds it.
 */
function keyComboToken(keys: string): Token {
  const parts = keys.split('+').map((k) => KEY_NAMES[k.trim()] ?? k.trim());
  const key = parts.at(-1)!;
  const token: Token = { term: parts.join('+'), kind: 'word', raw: keys };
  return key.length > 1 && !MODIFIER_KEYS.has(key) ? { ...token, implied: [key] } : token;
}

const KEY_NAMES: Record<string, string> = { control: 'ctrl', command: 'cmd' };
const MODIFIER_KEYS = new Set(['ctrl', 'shift', 'alt', 'cmd', 'option']);

/** snake_case (so_reuseaddr, flask_run_port) is one term, with its parts implied for partial matches. */
function identifierToken(identifier: string): Token {
  const parts = identifier
    .split(/_+/)
    .filter((p) => p.length > 1 && !ENGLISH_STOPWORDS.has(p))
    .map(stemEnglish);
  return { term: identifier, kind: 'word', raw: identifier, implied: [...new Set(parts)] };
}

/** IPv4 addresses also stand for their class, so 192.168.0.5 finds text about 192.168.x.x. */
function addressToken(dotted: string): Token {
  const implied: string[] = [];
  const octets = dotted.split('.');
  if (octets[0] === '127') implied.push('127.0.0.1');
  else if (octets[0] === '192' && octets[1] === '168') implied.push('192.168.x.x', '192.168');
  else if (octets[0] === '10' && octets.length === 4) implied.push('10.x.x.x');
  else if (octets[0] === '172' && Number(octets[1]) >= 16 && Number(octets[1]) <= 31) implied.push('172.16.x.x');
  const distinct = implied.filter((t) => t !== dotted);
  return distinct.length ? { term: dotted, kind: 'address', raw: dotted, implied: distinct } : { term: dotted, kind: 'address', raw: dotted };
}

/** Words whose ending is not an inflection (https is not the plural of http). */
const UNSTEMMED = new Set(['https', 'redis', 'postgres', 'kubernetes', 'always', 'previous', 'various', 'alias', 'canvas']);

/** A light English stemmer: enough to meet "ports"/"port", "listening"/"listen", "debugging"/"debug". */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || UNSTEMMED.has(word)) return word;
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = stem.slice(0, -3) + 'y';
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (stem.endsWith('ing') && stem.length > 5) stem = undouble(stem.slice(0, -3));
  else if (stem.endsWith('ed') && stem.length > 4) stem = undouble(stem.slice(0, -2));
  else if (stem.endsWith('es') && /(?:ss|x|ch|sh)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(?:ss|us|is|os)$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

function undouble(stem: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(?:ll|ss|zz)$/.test(stem) ? stem.slice(0, -1) : stem;
}

/**
 * Strips particles and endings (포트가 → 포트, 충돌했어요 → 충돌). A one-syllable stem is kept only
 * when a longer ending came off it (뜻이에요 → 뜻), so words like 가장 are not cut to 장.
 */
export function stemKorean(word: string): string {
  if (!isHangulWord(word)) return word;
  let stem = word;
  for (let pass = 0; pass < 2; pass++) {
    const suffix = KOREAN_SUFFIXES.find((s) => {
      if (!stem.endsWith(s) || stem.length === s.length) return false;
      const rest = stem.slice(0, -s.length);
      return rest.length >= 2 || s.length >= 2 || KOREAN_STOPWORDS.has(rest);
    });
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}
