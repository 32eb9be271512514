import type { Lang, Topic } from '../knowledge/topic.ts';
import type { Reply } from '../replies/reply.ts';

/** Most (channel, topic) pairs remembered at once; the oldest is forgotten first. */
const REPEAT_MEMORY_CAP = 2000;

interface Answered {
  link: string;
  at: number;
}

/**
 * Remembers where each topic was last answered in each channel, for `windowMs`, so the bot can
 * point to its earlier answer instead of repeating it. Memory is bounded: expired entries are
 * dropped as they are met, and past the cap the oldest go (a Map keeps insertion order).
 */
export class RepeatMemory {
  private readonly answered = new Map<string, Answered>();

  constructor(
    private readonly windowMs: number,
    private readonly cap = REPEAT_MEMORY_CAP,
  ) {}

  /** The earlier answer to `topicId` in `channelId`, if it is recent enough. */
  recall(channelId: string, topicId: string, now = Date.now()): Answered | null {
    const key = `${channelId}:${topicId}`;
    const entry = this.answered.get(key);
    if (!entry) return null;
    if (now - entry.at >= this.windowMs) {
      this.answered.delete(key);
      return null;
    }
    return entry;
  }

  remember(channelId: string, topicId: string, link: string, now = Date.now()): void {
    const key = `${channelId}:${topicId}`;
    this.answered.delete(key); // re-inserted last: newest
    this.answered.set(key, { link, at: now });
    for (const [oldest, entry] of this.answered) {
      if (this.answered.size <= this.cap && now - entry.at < this.windowMs) break;
      this.answered.delete(oldest);
    }
  }

  get size(): number {
    return this.answered.size;
  }
}

/** One line pointing to the earlier answer instead of a second copy of it. */
export function repeatPointerReply(topic: Topic, earlier: Answered, lang: Lang, now = Date.now()): Reply {
  const minutes = Math.max(1, Math.round((now - earlier.at) / 60_000));
  const title = topic.title[lang];
  return {
    content:
      lang === 'ko'
        ? `↪️ **${title}**: ${minutes}분 전에 이 채널에서 답했습니다 → ${earlier.link}`
        : `↪️ **${title}**: answered in this channel ${minutes} min ago → ${earlier.link}`,
    // A pointer to the earlier answer answers the question: without this it would count as declined (text only).
    outcome: 'answered',
  };
}

/** The address of a message in Discord's web and desktop clients (`@me` for DMs). */
export function messageLink(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}
