/**
 * The idempotency key of the message being sent: the same for every attempt at one text in one
 * thread (a retry after a lost answer posts it once), a new one once it was sent or changed.
 */
export class SendAttempts {
  private pending: { threadId: string; body: string; key: string } | null = null;

  /** `newKey`: the portal's `newIdempotencyKey`. */
  constructor(private readonly newKey: () => string) {}

  keyFor(threadId: string, body: string): string {
    if (this.pending?.threadId !== threadId || this.pending.body !== body) {
      this.pending = { threadId, body, key: this.newKey() };
    }
    return this.pending.key;
  }

  /** The server has it: the next message is a new action. */
  sent(threadId: string, body: string): void {
    if (this.pending?.threadId === threadId && this.pending.body === body) this.pending = null;
  }
}
