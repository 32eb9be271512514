// Preloaded into a child process by startup.test.ts: on exit, reports how many of discord.js's
// modules were loaded (it is CommonJS, so every module it loads lands in require.cache).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((file) => file.includes('/node_modules/discord.js/')).length;
  process.stderr.write(`\ndiscord.js modules loaded: ${loaded}\n`);
});
