import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { AuthSession } from '@derm/portal/core';
import { PatientViewingService } from '@derm/portal/presence';
import { PatientSummary, PatientViewer } from '@derm/shared/contracts';
import { catchError, EMPTY, switchMap, tap } from 'rxjs';
import { describeError } from '../data/describe-error';
import { PatientsApi } from '../data/patients-api.service';

/** One patient's chart page: viewing starts on open, stops on leave, and shows who else is here. */
@Component({
  selector: 'derm-patient-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  templateUrl: './patient-page.component.html',
  styleUrl: './patient-page.component.css',
})
export class PatientPage {
  private readonly api = inject(PatientsApi);
  private readonly viewing = inject(PatientViewingService);
  private readonly session = inject(AuthSession);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly patient = signal<PatientSummary | null>(null);
  protected readonly error = signal<string | null>(null);
  private readonly viewers = signal<PatientViewer[]>([]);
  protected readonly alsoViewing = computed(() => {
    const me = this.session.user()?.id;
    return this.viewers().filter((viewer) => viewer.userId !== me);
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

    // switchMap unsubscribes from the previous chart first: leaving a chart stops viewing it.
    id$
      .pipe(
        tap(() => this.viewers.set([])),
        switchMap((id) => this.viewing.watch(id).pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(),
      )
      .subscribe((viewers) => this.viewers.set(viewers));
  }
}
