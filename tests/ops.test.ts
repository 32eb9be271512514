import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import { createLogger } from '../src/log.ts';
import { NO_OBSERVER, outcomeOf } from '../src/ops/observer.ts';
import { healthPortFor, startOperations } from '../src/ops/operations.ts';
import { COLORS } from '../src/replies/reply.ts';
import { noAnswerReply, suggestionsReply, topicReply } from '../src/replies/topic-reply.ts';

const quiet = createLogger('silent');

describe('operations without HEALTH_PORT', () => {
  it('binds nothing and observes nothing', async () => {
    const ops = await startOperations(loadConfig({}), { topicsLoaded: () => 0, log: quiet });
    expect(ops.url).toBeNull();
    expect(ops.observer).toBe(NO_OBSERVER);
    await ops.close();
  });
});

describe('the health server on an IPv6 loopback address', () => {
  it('serves on [::1] when HEALTH_HOST=::1, and reports not ready before a client is attached', async () => {
    const logs: string[] = [];
    const config = { ...loadConfig({ HEALTH_PORT: '9100', HEALTH_HOST: '::1' }), healthPort: 0 };
    const ops = await startOperations(config, { topicsLoaded: () => 7, log: createLogger('info', [], (line) => logs.push(line)) });
    try {
      expect(ops.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(logs.join('\n')).toContain(`${ops.url}/healthz`);
      expect((await fetch(`${ops.url}/healthz`)).status).toBe(503);
      const metrics = await fetch(`${ops.url}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await metrics.text()).toMatch(/^devops_bot_knowledge_topics 7$/m);
    } finally {
      await ops.close();
    }
  });
});

describe('health port under the sharding manager', () => {
  it('shard N serves on HEALTH_PORT + N; a single process on HEALTH_PORT', () => {
    expect(healthPortFor(9100, {})).toBe(9100);
    expect(healthPortFor(9100, { SHARDING_MANAGER: 'true', SHARDS: '0' })).toBe(9100);
    expect(healthPortFor(9100, { SHARDING_MANAGER: 'true', SHARDS: '3' })).toBe(9103);
    expect(() => healthPortFor(65535, { SHARDING_MANAGER: 'true', SHARDS: '1' })).toThrow(/above 65535/);
  });
});

describe('reply outcomes', () => {
  it('tells answers, "did you mean" and short notes apart by the reply itself', () => {
    const kb = loadKnowledge();
    const topic = kb.byId.get('localhost')!;
    expect(outcomeOf(topicReply(topic, 'en', kb))).toBe('answered');
    expect(outcomeOf(suggestionsReply([{ topic, score: 0.5 }], 'ko'))).toBe('suggested');
    expect(outcomeOf(noAnswerReply('en'))).toBe('declined');
    expect(outcomeOf(null)).toBe('silent');
    expect(outcomeOf({ embeds: [{ title: 'x', color: COLORS.port }] })).toBe('answered');
  });
});
