import { Logger } from '@nestjs/common';

/**
 * After an uncaught exception or an unhandled rejection the process is in an unknown state: it logs
 * the cause and exits non-zero, so the process manager restarts a clean one (docs/deployment.md).
 * Its sockets drop and clients reconnect, as after any crash.
 */
export function exitOnCrash(logger: Logger): void {
  const crash = (what: string) => (cause: unknown) => {
    // One message: a second argument would be taken as the log's context and lost.
    logger.fatal(`${what}: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    process.exit(1);
  };
  process.on('uncaughtException', crash('Uncaught exception'));
  process.on('unhandledRejection', crash('Unhandled rejection'));
}
