import { computed, signal } from '@angular/core';
import { ClientCommandName, CommandPayload, CommandResult } from '@derm/shared/contracts';
import { CommandOutcome } from './command-outcome';

/**
 * Commands whose effect the person expects whenever the connection is back: kept while not
 * connected and sent at the next `session:ready`. Anything else (typing, presence, joins) means
 * nothing later and fails at once with `NOT_CONNECTED`.
 */
export const SENT_ON_RECONNECT: ReadonlySet<ClientCommandName> = new Set<ClientCommandName>([
  'notification:ack',
  'message:mark-read',
]);

/** A waiting command; narrowing on `command` types its payload. */
export type QueuedCommand = {
  readonly [K in ClientCommandName]: { readonly command: K; readonly payload: CommandPayload<K> };
}[ClientCommandName];

type Entry = QueuedCommand & {
  readonly key: string;
  readonly outcome: Promise<CommandOutcome>;
  readonly settle: (outcome: CommandOutcome) => void;
};

/** Commands waiting for the connection, in the order they were made; the same command once. */
export class CommandQueue {
  private readonly entries = signal<readonly Entry[]>([]);

  /** What waits, for pages to show "will send on reconnect". */
  readonly waiting = computed<readonly QueuedCommand[]>(() =>
    this.entries().map(({ command, payload }) => ({ command, payload }) as QueuedCommand),
  );

  /**
   * Resolves with the command's outcome once sent; the same command twice shares one send, the
   * first one's idempotency key included (each new action makes a new key, yet it is one effect).
   */
  add<K extends ClientCommandName>(command: K, payload: CommandPayload<K>): Promise<CommandOutcome<CommandResult<K>>> {
    const key = `${command} ${JSON.stringify({ ...payload, idempotencyKey: undefined })}`;
    const existing = this.entries().find((entry) => entry.key === key);
    if (existing) return existing.outcome as Promise<CommandOutcome<CommandResult<K>>>;
    let settle!: (outcome: CommandOutcome) => void;
    const outcome = new Promise<CommandOutcome>((resolve) => (settle = resolve));
    const entry = { key, command, payload, outcome, settle } as Entry;
    this.entries.update((entries) => [...entries, entry]);
    return outcome as Promise<CommandOutcome<CommandResult<K>>>;
  }

  /** Hands every waiting command to `send`, in order, and settles each with what it answers. */
  async flush(send: (command: QueuedCommand) => Promise<CommandOutcome>): Promise<void> {
    const entries = this.entries();
    this.entries.set([]);
    for (const entry of entries) entry.settle(await send(entry));
  }

  /** Drops every waiting command (sign-out), settling each with `outcome`: none is ever sent. */
  clear(outcome: CommandOutcome): void {
    const entries = this.entries();
    this.entries.set([]);
    entries.forEach((entry) => entry.settle(outcome));
  }
}
