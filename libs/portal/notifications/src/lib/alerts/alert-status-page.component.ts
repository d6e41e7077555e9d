import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { AlertSummary } from '@derm/shared/contracts';
import { catchError, EMPTY, switchMap, takeWhile, tap, timer } from 'rxjs';
import { AlertsApi } from '../data/alerts-api.service';
import { describeError } from '../data/describe-error';
import { acknowledgedCount, everyoneAcknowledged, RECIPIENT_STATE_LABELS, recipientState } from './alert-progress';
import { ClinicTimePipe } from '@derm/portal/core';

const REFRESH_MS = 2_000;

/** Who has acknowledged an alert, for its sender and the admins; refreshed until everyone has. */
@Component({
  selector: 'derm-alert-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, RouterLink],
  templateUrl: './alert-status-page.component.html',
  styleUrl: './alert-status-page.component.css',
})
export class AlertStatusPage {
  private readonly api = inject(AlertsApi);

  /** From the route (`/alerts/:id`). */
  readonly id = input.required<string>();

  protected readonly alert = signal<AlertSummary | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly stateOf = recipientState;
  protected readonly stateLabels = RECIPIENT_STATE_LABELS;
  protected readonly acknowledgedCount = acknowledgedCount;

  constructor() {
    toObservable(this.id)
      .pipe(
        tap(() => this.alert.set(null)),
        switchMap((id) =>
          timer(0, REFRESH_MS).pipe(
            switchMap(() => this.api.status(id)),
            takeWhile((alert) => !everyoneAcknowledged(alert), true),
            catchError((error: unknown) => {
              this.error.set(describeError(error, 'load the alert'));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((alert) => {
        this.error.set(null);
        this.alert.set(alert);
      });
  }
}
