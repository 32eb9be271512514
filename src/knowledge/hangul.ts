import { convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';

const SYLLABLES = /^[\uAC00-\uD7A3]+$/;
const CONSONANT_JAMO = /^[\u3131-\u314E]+$/;

/** Any Hangul at all, syllables or letters: the text is (at least partly) Korean. */
export function hasHangul(text: string): boolean {
  return /[\uAC00-\uD7A3\u3131-\u318E]/.test(text);
}

export function isHangulWord(text: string): boolean {
  return SYLLABLES.test(text);
}

/** Jamo letters of a text (포트 → ㅍㅗㅌㅡ); typos and conjugations are close at this level. */
export function toJamo(text: string): string {
  return disassemble(text);
}

/** Initial consonants of each syllable (포트 충돌 → ㅍㅌ ㅊㄷ). */
export function toChoseong(text: string): string {
  return getChoseong(text);
}

/** A run of initial consonants typed as a shorthand (ㅍㅌ); a single repeated one (ㅋㅋ, ㅎㅎ) is laughter. */
export function isChoseongQuery(text: string): boolean {
  return CONSONANT_JAMO.test(text) && text.length >= 2 && new Set(text).size > 1;
}

/**
 * Latin letters typed with the keyboard left in English mode (vhxm → 포트).
 * Returns the Hangul only when every letter formed a complete syllable.
 */
export function qwertyToHangul(text: string): string | null {
  if (!/^[a-zA-Z]{2,}$/.test(text)) return null;
  try {
    const converted = convertQwertyToHangul(text);
    return isHangulWord(converted) ? converted : null;
  } catch {
    // es-hangul throws on letter runs that cannot form syllables (e.g. "localhost"): not Hangul, then.
    return null;
  }
}

export function syllableCount(text: string): number {
  return [...text].length;
}
