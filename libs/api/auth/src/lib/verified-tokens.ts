import type { VerifiedToken } from './access-token.service';

/**
 * Access tokens already verified, each kept until it expires. A person's tabs share one token,
 * all of them reconnect with it after a deploy, and every REST call presents it again: its
 * signature and claims are checked once. An entry is found only by the whole token, signature
 * included; whether its session may still act is asked on every use all the same (SessionChecker).
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken>();
  /**
   * When the expired were last looked for. Within one second the same entries are expired, so a
   * full map is scanned once a second rather than at every new token.
   */
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The token's verified claims while it has not expired at `now` (seconds since the epoch). */
  get(token: string, now: number): VerifiedToken | undefined {
    const verified = this.entries.get(token);
    if (!verified) return undefined;
    if (verified.expiresAt > now) return verified;
    this.entries.delete(token);
    return undefined;
  }

  /** Keeps a token that has just verified; when full, the expired go first, then the oldest. */
  add(token: string, verified: VerifiedToken, now: number): void {
    if (this.entries.size >= this.capacity && now > this.sweptAt) {
      this.sweptAt = now;
      for (const [key, { expiresAt }] of this.entries) if (expiresAt <= now) this.entries.delete(key);
    }
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, verified);
  }
}
