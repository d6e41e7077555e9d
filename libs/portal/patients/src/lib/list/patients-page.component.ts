import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { describeFailure, emptyListPage, ListPage, liveCollection, nextPages } from '@derm/portal/core';
import { LoadingPlaceholderComponent, ShowMoreComponent } from '@derm/portal/ui';
import { PATIENT_SEARCH_MAX_LENGTH, PatientSummary } from '@derm/shared/contracts';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { PatientsApi } from '../data/patients-api.service';

/** Patients a page shows; more come on request. */
const PAGE_SIZE = 100;
/** Long enough to send one search per pause in typing, short enough to feel immediate. */
const SEARCH_DEBOUNCE_MS = 250;

/**
 * The clinic's patients by name, or those a search finds by name or MRN, 100 at a time with more on
 * request; each opens its chart page. The search lives in the address (`?q=`), so it survives a
 * reload and the back button from a chart. Loaded over REST, again after a reconnection that lost
 * events; a placeholder stands in for the rows while they load.
 */
@Component({
  selector: 'derm-patients-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingPlaceholderComponent, ReactiveFormsModule, RouterLink, ShowMoreComponent],
  templateUrl: './patients-page.component.html',
  styleUrl: './patients-page.component.css',
})
export class PatientsPage {
  private readonly api = inject(PatientsApi);
  private readonly router = inject(Router);

  /** The address's `?q=`, bound by the router. */
  readonly q = input<string>();
  protected readonly query = computed(() => (this.q() ?? '').trim());
  protected readonly searchMaxLength = PATIENT_SEARCH_MAX_LENGTH;
  protected readonly search = new FormControl('', { nonNullable: true });

  private readonly list = liveCollection<ListPage<PatientSummary>, ListPage<PatientSummary>, string>({
    initial: emptyListPage(),
    key: toObservable(this.query),
    load: (query) => this.api.list(query, PAGE_SIZE),
    loaded: (_, page) => page,
  });
  protected readonly patients = computed(() => this.list.value().items);
  protected readonly more = nextPages(this.list, (cursor) => this.api.list(this.query(), PAGE_SIZE, cursor));
  protected readonly loading = this.list.loading;
  protected readonly error = computed(() => {
    const error = this.list.error();
    return error === null ? null : describeFailure(error, 'load the patients');
  });

  constructor() {
    // The address leads (a reload, the back button); the box follows it without searching again.
    effect(() => {
      const query = this.q() ?? '';
      if (query.trim() !== this.search.value.trim()) this.search.setValue(query, { emitEvent: false });
    });
    this.search.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((query) => void this.router.navigate([], { queryParams: { q: query || null }, replaceUrl: true }));
  }
}
