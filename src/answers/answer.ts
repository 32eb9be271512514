import type { BotContext } from '../app.ts';
import { answerLang } from '../knowledge/language.ts';
import { search, type Candidate, type SearchResult } from '../knowledge/search.ts';
import type { Lang, Topic } from '../knowledge/topic.ts';
import { searchPasted } from '../qa/pasted-text.ts';
import { chatAnswerReply } from '../replies/chat-answer.ts';
import type { Reply, ReplyOutcome } from '../replies/reply.ts';
import { noAnswerReply, suggestionsReply, topicReply, type AddressOptions } from '../replies/topic-reply.ts';

/**
 * How one surface wants its answer. Every surface (/ask, /explain, "Ask devops-bot", channel Q&A,
 * forum posts, the console, the CLI) goes through `answer` with its own choices here.
 */
export interface AnswerRequest {
  /** What the asker typed or pasted. */
  text: string;
  /** The asker's locale, where the surface knows one (see `answerLang`). */
  locale?: Lang;
  /** `question`: one typed question. `pasted`: a message, log or forum post, read piece by piece. */
  read: 'question' | 'pasted';
  /** `chat`: the direct answer first, chat-sized, with More. `full`: the whole topic. */
  form: 'chat' | 'full';
  /**
   * When the notes are not sure: `suggest` offers "did you mean" choices; `browse` (a lookup such
   * as /explain) opens the only candidate or offers all of them, with `offered` when the search has
   * none; `silent` says nothing.
   */
  whenUnsure: 'suggest' | 'browse' | 'silent';
  /** When the notes have nothing: `say` so in a short private note, or stay `silent`. */
  whenNone: 'say' | 'silent';
  /** /explain: the text may be a topic id picked from autocomplete. */
  mayBeTopicId?: boolean;
  /** For `browse`: what autocomplete would have offered for the text (initials, partial names). */
  offered?: (lang: Lang) => Topic[];
  address?: AddressOptions;
}

/** What the bot answers, as plain data: the reply (null: silence), the topic it answers with, why, in which language. */
export interface Answer {
  reply: Reply | null;
  topic: Topic | null;
  outcome: ReplyOutcome | 'silent';
  lang: Lang;
  /** The search behind it, for the stats record and `cli ask --json`. */
  result: SearchResult;
}

/** Turns a question into the reply every surface shows: the one answer path. With `whenNone: 'say'` there is always a reply. */
export function answer(ctx: Pick<BotContext, 'index' | 'kb'>, request: AnswerRequest & { whenNone: 'say' }): Answer & { reply: Reply };
export function answer(ctx: Pick<BotContext, 'index' | 'kb'>, request: AnswerRequest): Answer;
export function answer(ctx: Pick<BotContext, 'index' | 'kb'>, request: AnswerRequest): Answer {
  const { text, form, address = {} } = request;
  const lang = answerLang(text, request.locale);
  const exact = request.mayBeTopicId ? ctx.kb.byId.get(text.trim().toLowerCase()) : undefined;
  // Searched when something reads it: a topic picked by its id (/explain from autocomplete) is shown
  // whole without a search, unless a caller asks for `result`.
  let searched: SearchResult | undefined;
  const searchResult = () => (searched ??= request.read === 'pasted' ? searchPasted(ctx.index, text, lang) : search(ctx.index, text, lang));
  const shown = (reply: Reply | null, topic: Topic | null = null): Answer => ({
    reply,
    topic,
    outcome: reply?.outcome ?? 'silent',
    lang,
    get result() {
      return searchResult();
    },
  });
  const topicAnswer = (topic: Topic) =>
    shown(form === 'chat' ? chatAnswerReply(topic, lang, ctx.kb, searchResult().query, address) : topicReply(topic, lang, ctx.kb, address), topic);

  const sure = exact ?? searchResult().answer;
  if (sure) return topicAnswer(sure);
  const result = searchResult();
  const choices = unsureChoices(request, result, lang);
  if (choices.length === 1 && request.whenUnsure === 'browse') return topicAnswer(choices[0]!.topic);
  if (choices.length) return shown(suggestionsReply(choices, lang, address));
  return shown(request.whenNone === 'say' ? noAnswerReply(lang) : null);
}

/** The "did you mean" choices a surface offers when the notes are not sure (none: it stays silent or says so). */
function unsureChoices(request: AnswerRequest, result: SearchResult, lang: Lang): Candidate[] {
  if (request.whenUnsure === 'suggest') return result.outcome === 'suggest' ? result.candidates : [];
  if (request.whenUnsure === 'silent') return [];
  if (result.candidates.length) return result.candidates;
  return (request.offered?.(lang) ?? []).map((topic) => ({ topic, score: 0 }));
}
