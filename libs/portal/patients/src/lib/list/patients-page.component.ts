import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { liveCollection } from '@derm/portal/core';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { PatientSummary } from '@derm/shared/contracts';
import { describeError } from '../data/describe-error';
import { PatientsApi } from '../data/patients-api.service';

/**
 * The clinic's patients; each opens its chart page. Loaded over REST, again after a reconnection
 * that lost events; a placeholder stands in for the rows while they load.
 */
@Component({
  selector: 'derm-patients-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingPlaceholderComponent, RouterLink],
  templateUrl: './patients-page.component.html',
  styleUrl: './patients-page.component.css',
})
export class PatientsPage {
  private readonly api = inject(PatientsApi);
  private readonly list = liveCollection<PatientSummary[], PatientSummary[]>({
    initial: [],
    load: () => this.api.list(),
    loaded: (_, patients) => patients,
  });
  protected readonly patients = this.list.value;
  protected readonly loading = this.list.loading;
  protected readonly error = computed(() => {
    const error = this.list.error();
    return error === null ? null : describeError(error, 'load the patients');
  });
}
