import type { Ack } from '@derm/shared/contracts';
import type { RealtimeSocket } from '../realtime-socket';
import type { CommandBudget } from './command-budget.service';
import { CommandException } from './command.exception';

/**
 * A name no gateway handles still gets an answer, not silence, and spends from the same budget,
 * so made-up names cannot flood past it.
 */
export function answerUnknownCommand(
  budget: CommandBudget,
  socket: RealtimeSocket,
  name: string,
  ack: ((answer: Ack) => void) | undefined,
): Promise<void> {
  const answer = ack ?? (() => undefined);
  return budget.spend(socket).then(
    () => answer({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Unknown command "${name}"` } }),
    (error: unknown) =>
      answer({
        ok: false,
        error:
          error instanceof CommandException
            ? error.commandError
            : { code: 'INTERNAL', message: 'The server could not answer' },
      }),
  );
}
