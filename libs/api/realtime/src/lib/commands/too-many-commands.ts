import type { Ack } from '@derm/shared/contracts';

/**
 * A command past the socket's commands running at once: refused at once rather than held, since
 * holding it is what would pile them up.
 */
export function answerTooManyCommands(ack: ((answer: Ack) => void) | undefined): void {
  ack?.({
    ok: false,
    error: { code: 'RATE_LIMITED', message: 'Too many commands at once on this connection; wait for their answers' },
  });
}
