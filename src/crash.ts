import type { Logger } from './log.ts';

/**
 * An error nobody caught leaves the bot in an unknown state: half its listeners may be gone while
 * the gateway connection stays open, so it looks online and answers nothing. Log the error and
 * exit non-zero instead, so a supervisor (systemd, deploy/devops-bot.service) starts it afresh.
 * Handlers already catch and report everything they expect; this is for what they did not.
 */
export function exitOnUncaught(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception: exiting (status 1) so the bot can be restarted clean', error);
    exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled promise rejection: exiting (status 1) so the bot can be restarted clean', reason);
    exit(1);
  });
}
