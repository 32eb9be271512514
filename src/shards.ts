import dotenv from 'dotenv';
import { createShardingManager } from './transports/discord/sharding.ts';

dotenv.config({ quiet: true });
try {
  const manager = await createShardingManager();
  manager.on('shardCreate', (shard) => console.error(`launched shard ${shard.id}`));
  await manager.spawn();
} catch (error) {
  console.error(`sharding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
