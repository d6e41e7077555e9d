import { HttpErrorResponse } from '@angular/common/http';
import { linkedSignal, signal, WritableSignal } from '@angular/core';
import { Observable } from 'rxjs';
import { describeFailure, ROLE_MAY_NOT } from '@derm/portal/core';
import { bookedInTheWay } from '../data/booked-in-the-way';

/** What a write adds to its request once the person has confirmed a start that has gone by. */
export type PastConfirmation = { confirmPast?: true };

/**
 * One schedule write (a booking, a move) whose start may have gone by: the person is asked
 * before it is sent, and asked again when the API refuses it for want of `confirmPast` (this
 * browser's clock may differ from the server's). Sends once per action: a second click while the
 * write is on its way sends nothing.
 */
export class PastStartWrite<T> {
  readonly pending = signal(false);
  /**
   * The write waits for "… anyway": its start has passed. Until `context` changes: the question
   * was about a time of the day shown then, and "anyway" must not book it on another.
   */
  readonly confirmingPast: WritableSignal<boolean>;
  /** Why the last write failed, until the next is sent or `context` changes. */
  readonly error: WritableSignal<string | null>;

  /**
   * @param action what the write does, for its error message ("book the appointment").
   * @param context what the write is about (the day shown): another one drops the error and the
   * question, which were about the previous one; a refusal that comes after it changed shows
   * neither.
   * @param timeZone the clinic's, to word an overlap with the booking in the way on its clock
   * (without it, the API's message says it).
   */
  constructor(
    private readonly action: string,
    private readonly context: () => unknown = () => null,
    private readonly timeZone?: () => string,
  ) {
    this.confirmingPast = linkedSignal<unknown, boolean>({ source: context, computation: () => false });
    this.error = linkedSignal<unknown, string | null>({ source: context, computation: () => null });
  }

  /** Whether the person must confirm `startsAt` first; if so, the question is now shown. */
  asksFirst(startsAt: Date): boolean {
    const passed = startsAt.getTime() < Date.now();
    if (passed) this.confirmingPast.set(true);
    return passed;
  }

  /** `refused`: takes a refusal the caller words itself (true), else it is described as failed. */
  send(
    confirmPast: boolean,
    request: (confirmation: PastConfirmation) => Observable<T>,
    done: (result: T) => void,
    refused: (error: unknown) => boolean = () => false,
  ): void {
    if (this.pending()) return;
    this.confirmingPast.set(false);
    this.pending.set(true);
    this.error.set(null);
    const sentFor = this.context();
    request(confirmPast ? { confirmPast } : {}).subscribe({
      next: (result) => {
        this.pending.set(false);
        done(result);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        // A refusal that comes after the context changed was about the previous one.
        if (!Object.is(this.context(), sentFor)) return;
        if (needsPastConfirmation(error)) this.confirmingPast.set(true);
        else if (!refused(error)) this.error.set(this.describe(error));
      },
    });
  }

  private describe(error: unknown): string {
    const inTheWay = this.timeZone ? bookedInTheWay(error, this.timeZone()) : null;
    return inTheWay ? `Could not ${this.action}: ${inTheWay}` : describeFailure(error, this.action, ROLE_MAY_NOT);
  }
}

/** The API refused a start in the past for want of `confirmPast`. */
function needsPastConfirmation(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 422 &&
    (error.error as { code?: unknown } | null)?.code !== 'IDEMPOTENCY_KEY_REUSED'
  );
}
