import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ConnectionService, liveCollection } from '@derm/portal/core';
import { OperationsSnapshot } from '@derm/shared/contracts';
import { countedMinute, refused } from './operations-state';

/**
 * The operations page's data, for as long as the page lives: the REST snapshot on every
 * `session:ready` (the minute counts and refusals are signals, never replayed), kept current by
 * `operations:activity` and `operations:refusal`, which only the clinic's admins receive.
 */
@Injectable()
export class OperationsStore {
  private readonly connection = inject(ConnectionService);
  private readonly http = inject(HttpClient);
  private readonly snapshot = liveCollection<OperationsSnapshot | null, OperationsSnapshot>({
    initial: null,
    load: () => this.http.get<OperationsSnapshot>('/api/operations'),
    loaded: (_, snapshot) => snapshot,
    refetch: 'on-every-connection',
  });

  readonly value = this.snapshot.value;
  readonly loading = this.snapshot.loading;
  readonly error = this.snapshot.error;

  constructor() {
    this.connection
      .on('operations:activity')
      .pipe(takeUntilDestroyed())
      .subscribe((minute) => this.snapshot.apply((state) => state && countedMinute(minute)(state)));
    this.connection
      .on('operations:refusal')
      .pipe(takeUntilDestroyed())
      .subscribe((refusal) => this.snapshot.apply((state) => state && refused(refusal)(state)));
  }
}
