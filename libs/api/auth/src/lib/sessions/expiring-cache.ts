/**
 * A per-node cache of lookups. Changes are announced to every node (see SessionChanges), which
 * forget the entry at once; the lifetime only bounds staleness should an announcement be lost.
 * The promise is cached, so concurrent lookups of one key share one query.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(private readonly lifetimeMs: number) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > now) return cached.value;
    if (this.entries.size >= MAX_ENTRIES) this.dropExpired(now);
    const value = load();
    this.entries.set(key, { value, until: now + this.lifetimeMs });
    // A failed lookup is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}

const MAX_ENTRIES = 50_000;
