import { clipName, LIMITS } from '../replies/limits.ts';
import { removeMentions } from './channel-qa.ts';

/** What the gateway knows about a channel message, as plain facts. */
export interface MessageFacts {
  channelId: string;
  /** The thread's parent channel, when the message is in a thread. */
  parentId: string | null;
  /** The message is in a thread the bot itself opened. */
  inBotThread: boolean;
  /** The bot's user or its managed role is @mentioned in the text (not only through a reply's ping). */
  mentionedInText: boolean;
  /** The message replies to one of the bot's own messages. */
  repliesToBot: boolean;
}

export interface RouteSettings {
  qaChannels: ReadonlySet<string>;
  qaThreads: boolean;
}

export interface Route {
  /** Asked directly: "did you mean" choices and the help card are allowed, not only sure answers. */
  mentioned: boolean;
  /** Answer in a new thread on the question (QA_THREADS in a Q&A channel), not as a reply. */
  openThread: boolean;
}

/**
 * Whether the bot should consider a message at all, and how. A mention anywhere asks it; so does
 * any message in a Q&A channel. With QA_THREADS, every message in a thread the bot opened under a
 * Q&A channel is a follow-up, and a reply to the bot's own answer is one in any channel: both are
 * answered only when the bot is sure, like Q&A-channel messages.
 */
export function routeMessage(facts: MessageFacts, settings: RouteSettings): Route | null {
  const inQaChannel = settings.qaChannels.has(facts.channelId);
  const followUpThread = settings.qaThreads && facts.inBotThread && facts.parentId !== null && settings.qaChannels.has(facts.parentId);
  if (!facts.mentionedInText && !inQaChannel && !followUpThread && !facts.repliesToBot) return null;
  // Threads are opened on questions in the Q&A channel itself, never inside a thread.
  return { mentioned: facts.mentionedInText, openThread: settings.qaThreads && inQaChannel && facts.parentId === null };
}

/** A thread name from the question: its first line, without mentions, within Discord's 1-100 characters. */
export function threadNameFor(question: string, lang: 'en' | 'ko'): string {
  const line = removeMentions(question).split('\n').map((l) => l.replace(/[`*_~|>]/g, '').replace(/\s+/g, ' ').trim()).find(Boolean) ?? '';
  const name = line || (lang === 'ko' ? '질문' : 'Question');
  return clipName(name, LIMITS.threadName);
}
