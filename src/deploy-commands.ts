import dotenv from 'dotenv';
import { deployCommands } from './commands/deploy.ts';
import { loadConfig } from './config.ts';

dotenv.config({ quiet: true });
try {
  const { scope, count } = await deployCommands(loadConfig());
  console.log(`Registered ${count} commands (${scope}).`);
} catch (error) {
  console.error(`Could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
