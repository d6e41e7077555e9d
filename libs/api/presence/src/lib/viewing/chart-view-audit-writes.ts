import { Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { RealtimeMetrics } from '@derm/api/metrics';
import { PresenceViewing } from '../store/presence-store';

/** The wait before a failed audit write is tried again; it doubles at each failure, up to the longest. */
export const AUDIT_RETRY_FIRST_MS = 250;
export const AUDIT_RETRY_LONGEST_MS = 30_000;

/** What a write records of a view that already happened: its end, or its going on after a sweep. */
export type ChartViewAuditWrite = 'closed' | 'continued';

/** The answer of a write that failed and is being tried again. */
export const RETRYING = Symbol('retrying');

/**
 * The audit writes of chart views that record what already happened (a view ended, a view went
 * on), so cannot be refused like a start: each is tried again with backoff until the database takes
 * it, and a view's writes are made in the order they came, so an end is never written before the
 * row it ends. A view whose writes are still pending is not started again until they are done.
 */
@Injectable()
export class ChartViewAuditWrites implements OnApplicationShutdown {
  private readonly logger = new Logger('ChartViewAudit');
  /** The last write queued for each view, kept only while one is pending. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly waits = new Set<() => void>();
  private stopped = false;

  constructor(@Optional() private readonly metrics?: RealtimeMetrics) {}

  /**
   * Writes after the view's earlier writes. Answers the write's own answer once it went through,
   * or `RETRYING` as soon as it failed or waits behind one that is pending: a command does not wait
   * for the database to come back.
   */
  write<T>(viewing: PresenceViewing, kind: ChartViewAuditWrite, write: () => Promise<T>): Promise<T | typeof RETRYING> {
    const key = viewKey(viewing);
    const before = this.queues.get(key);
    let answer!: (value: T | typeof RETRYING) => void;
    const answered = new Promise<T | typeof RETRYING>((resolve) => (answer = resolve));
    if (before) answer(RETRYING);
    const written = (before ?? Promise.resolve()).then(() => this.untilWritten(kind, write, answer));
    const finished = () => {
      if (this.queues.get(key) === written) this.queues.delete(key);
    };
    void written.then(finished, finished);
    this.queues.set(key, written);
    return answered;
  }

  /** Whether a write of the view is still to go through. */
  pending(viewing: PresenceViewing): boolean {
    return this.queues.has(viewKey(viewing));
  }

  /**
   * A stop tries each pending write once more, before the database closes (its global module
   * shuts down after this one); one that fails then is lost with the process, and logged.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.waits.forEach((wake) => wake());
    await Promise.all(this.queues.values());
  }

  private async untilWritten<T>(
    kind: ChartViewAuditWrite,
    write: () => Promise<T>,
    answer: (value: T | typeof RETRYING) => void,
  ): Promise<void> {
    for (let failures = 0; ; failures++) {
      try {
        const value = await write();
        if (failures > 0) this.logger.log(`A chart view's audit (${kind}) was written after ${failures} failure(s)`);
        return answer(value);
      } catch (error) {
        this.metrics?.chartViewAuditWriteFailed(kind);
        if (failures === 0)
          this.logger.error(
            `Writing a chart view's audit (${kind}) failed; trying again until it is written`,
            error instanceof Error ? error.stack : error,
          );
        answer(RETRYING);
        if (this.stopped)
          return this.logger.error(`A chart view's audit (${kind}) is lost: the process stopped before it was written`);
        await this.wait(Math.min(AUDIT_RETRY_FIRST_MS * 2 ** failures, AUDIT_RETRY_LONGEST_MS));
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      // A pending write must not hold the process open.
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.waits.add(wake);
    });
  }
}

const viewKey = ({ tenantId, patientId, socketId }: PresenceViewing) => `${tenantId}|${patientId}|${socketId}`;
