interface Awaited {
  received: number;
  needed: number;
  complete?: () => void;
}

/**
 * Counts the other nodes' confirmations that they applied an announcement. Counting starts before
 * the announcement goes out: a node's confirmation may arrive before Redis answers the PUBLISH
 * with how many listened.
 */
export class NodeConfirmations {
  private readonly awaited = new Map<string, Awaited>();

  /**
   * Runs `announce`, which answers how many other nodes heard it, and waits until as many have
   * confirmed `id`, or `timeoutMs` has passed. Whether every one of them confirmed in time.
   */
  async collect(id: string, announce: () => Promise<number>, timeoutMs: number): Promise<boolean> {
    const entry: Awaited = { received: 0, needed: Number.POSITIVE_INFINITY };
    this.awaited.set(id, entry);
    try {
      entry.needed = await announce();
      if (entry.received >= entry.needed) return true;
      return await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        entry.complete = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    } finally {
      this.awaited.delete(id);
    }
  }

  /** One node confirmed `id`; a confirmation of nothing awaited (late, or another node's) is ignored. */
  confirm(id: string): void {
    const entry = this.awaited.get(id);
    if (!entry) return;
    entry.received++;
    if (entry.received >= entry.needed) entry.complete?.();
  }
}
