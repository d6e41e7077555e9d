import { AsyncResource } from 'node:async_hooks';

/** Refusals beyond the first of a period, per kind (what was refused). */
export type UncountedRefusals = ReadonlyMap<string, number>;

/**
 * Refusals per key (a client address) summed up over a period: the first of a period is to be
 * logged as any request is, the others are counted by kind and reported once, when the period
 * ends. A key is remembered only while its period runs.
 */
export class RefusalTally {
  private readonly uncounted = new Map<string, Map<string, number>>();
  /**
   * Runs in the context the tally was made in, not that of the request whose refusal opened the
   * period: the report is about all of them, and the request logger would bind it to that one.
   */
  private readonly close = AsyncResource.bind((key: string) => {
    const more = this.uncounted.get(key);
    this.uncounted.delete(key);
    if (more && more.size > 0) this.report(key, more);
  });

  constructor(
    private readonly periodMs: number,
    private readonly report: (key: string, more: UncountedRefusals) => void,
  ) {}

  /** Counts a refusal; true when it is the first of its key's period, to be logged on its own. */
  count(key: string, kind: string): boolean {
    const more = this.uncounted.get(key);
    if (more) {
      more.set(kind, (more.get(kind) ?? 0) + 1);
      return false;
    }
    this.uncounted.set(key, new Map());
    setTimeout(() => this.close(key), this.periodMs).unref();
    return true;
  }
}
