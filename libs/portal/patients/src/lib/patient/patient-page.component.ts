import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { AuthSession, ClinicTimePipe, ConnectionService } from '@derm/portal/core';
import { PatientViewingService } from '@derm/portal/presence';
import { PatientSummary } from '@derm/shared/contracts';
import { catchError, EMPTY, switchMap, tap } from 'rxjs';
import { describeError } from '../data/describe-error';
import { PatientsApi } from '../data/patients-api.service';

/** One patient's chart page: viewing starts on open, stops on leave, and shows who else is here. */
@Component({
  selector: 'derm-patient-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, RouterLink],
  templateUrl: './patient-page.component.html',
  styleUrl: './patient-page.component.css',
})
export class PatientPage {
  private readonly api = inject(PatientsApi);
  private readonly session = inject(AuthSession);
  /** Who else is viewing is live-only: greyed out, as the last known, while not connected. */
  private readonly connectionStatus = inject(ConnectionService).status;
  protected readonly live = computed(() => this.connectionStatus().state === 'connected');

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly patient = signal<PatientSummary | null>(null);
  protected readonly error = signal<string | null>(null);
  // Viewing starts with the page and stops when it goes or shows another chart.
  private readonly viewers = inject(PatientViewingService).viewersOf(toObservable(this.id));
  protected readonly alsoViewing = computed(() => {
    const me = this.session.user()?.id;
    return this.viewers.value().filter((viewer) => viewer.userId !== me);
  });

  constructor() {
    const id$ = toObservable(this.id);
    id$
      .pipe(
        tap(() => {
          this.patient.set(null);
          this.error.set(null);
        }),
        switchMap((id) =>
          this.api.get(id).pipe(
            catchError((error: unknown) => {
              this.error.set(describeError(error, 'open this patient'));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((patient) => this.patient.set(patient));
  }
}
