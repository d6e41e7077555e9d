import { DestroyRef, inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ConnectionService, isClientError, LiveCollection, liveCollection } from '@derm/portal/core';
import { PatientViewer } from '@derm/shared/contracts';
import { EMPTY, filter, from, Observable, of, switchMap, tap, throwError } from 'rxjs';
import { PatientViewingError } from './patient-viewing-error';

/** Who has a chart open: the portal views a chart while a page shows it. */
@Injectable({ providedIn: 'root' })
export class PatientViewingService {
  private readonly connection = inject(ConnectionService);

  /**
   * Views the chart of each patient `patientId$` names, for as long as the calling injection
   * context (a page) lives, and lists everyone viewing it (this user included). Viewing starts
   * again on every `session:ready` (a reconnection ends it on the server), stops for a chart when
   * the next one comes, and for the last when the page goes.
   */
  viewersOf(patientId$: Observable<string>): LiveCollection<PatientViewer[]> {
    const destroyRef = inject(DestroyRef);
    let viewing: string | null = null;
    const stopViewing = () => {
      if (viewing) void this.connection.emit('patient:view-stop', { patientId: viewing });
      viewing = null;
    };
    destroyRef.onDestroy(stopViewing);

    const viewers = liveCollection<PatientViewer[], PatientViewer[], string>({
      initial: [],
      key: patientId$.pipe(
        tap((patientId) => {
          stopViewing();
          viewing = patientId;
        }),
      ),
      load: (patientId) => this.startViewing(patientId),
      loaded: (_, list) => list,
      refetch: 'on-every-connection',
    });
    this.connection
      .on('patient:viewers')
      .pipe(
        filter((signal) => signal.patientId === viewing),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((signal) => viewers.apply(() => signal.viewers));
    return viewers;
  }

  private startViewing(patientId: string): Observable<PatientViewer[]> {
    return from(this.connection.emit('patient:view-start', { patientId })).pipe(
      switchMap((ack) => {
        if (ack.ok) return of(ack.viewers);
        const { error } = ack;
        // Not sent or not answered: nothing to show yet; the next session:ready starts again.
        if (isClientError(error)) return EMPTY;
        return throwError(() => new PatientViewingError(error));
      }),
    );
  }
}
