import { hasHangul } from './hangul.ts';
import type { Lang } from './topic.ts';

/**
 * The language policy: which language the bot answers typed text in. One rule for every surface
 * (slash commands, "Ask devops-bot", channel Q&A, forum posts, the console and the CLI):
 *
 * 1. Text with any Hangul gets Korean: the asker wrote Korean.
 * 2. Text with two or more words in Latin letters ("what is localhost", a pasted English log line)
 *    gets English: the asker wrote English.
 * 3. Anything else (one term like `localhost`, `EADDRINUSE` or a topic id, a port number, nothing)
 *    says nothing about the asker's language, so the asker's locale decides: the Discord client's
 *    locale for interactions, `LANG` for the console. Where no locale is known (a channel message,
 *    the CLI), English.
 *
 * So `/ask localhost` and `/explain localhost` from a Korean client both answer in Korean, and
 * `/ask what is localhost` from the same client answers in English.
 */
export function answerLang(text: string, locale: Lang = 'en'): Lang {
  if (hasHangul(text)) return 'ko';
  const latinWords = text.split(/\s+/).filter((word) => /[a-z]/i.test(word)).length;
  return latinWords >= 2 ? 'en' : locale;
}
