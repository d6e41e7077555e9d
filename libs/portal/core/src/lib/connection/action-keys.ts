/**
 * The idempotency key of each action in progress: the same for every attempt at one request
 * (a retry after a lost answer, ours or the person's, is done once), a new one once the request
 * went through or changed. `action` names what is acted on: `create`, `cancel:<id>`, …
 */
export class ActionKeys {
  private readonly pending = new Map<string, { request: string; key: string }>();

  /** `newKey`: the portal's `newIdempotencyKey`. */
  constructor(private readonly newKey: () => string) {}

  keyFor(action: string, request: unknown): string {
    const asked = JSON.stringify(request);
    const held = this.pending.get(action);
    if (held?.request === asked) return held.key;
    const key = this.newKey();
    this.pending.set(action, { request: asked, key });
    return key;
  }

  /** The server has it: the next request is a new action. */
  done(action: string, request: unknown): void {
    if (this.pending.get(action)?.request === JSON.stringify(request)) this.pending.delete(action);
  }
}
