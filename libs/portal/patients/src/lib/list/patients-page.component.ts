import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { PatientSummary } from '@derm/shared/contracts';
import { catchError, finalize, of } from 'rxjs';
import { describeError } from '../data/describe-error';
import { PatientsApi } from '../data/patients-api.service';

/** The clinic's patients; each opens its chart page. */
@Component({
  selector: 'derm-patients-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './patients-page.component.html',
  styleUrl: './patients-page.component.css',
})
export class PatientsPage {
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly patients = toSignal(
    inject(PatientsApi)
      .list()
      .pipe(
        catchError((error: unknown) => {
          this.error.set(describeError(error, 'load the patients'));
          return of<PatientSummary[]>([]);
        }),
        finalize(() => this.loading.set(false)),
      ),
    { initialValue: [] },
  );
}
