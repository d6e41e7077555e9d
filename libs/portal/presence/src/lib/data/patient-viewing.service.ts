import { inject, Injectable } from '@angular/core';
import { ConnectionService, isClientError } from '@derm/portal/core';
import { CommandError, PatientViewer } from '@derm/shared/contracts';
import { EMPTY, filter, merge, Observable, of } from 'rxjs';

/** The server refused to let this chart be viewed (e.g. NOT_FOUND). */
export class PatientViewingError extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

/** Who has a chart open: viewing starts with the subscription and stops when it ends. */
@Injectable({ providedIn: 'root' })
export class PatientViewingService {
  private readonly connection = inject(ConnectionService);

  /**
   * Views the patient's chart for as long as it is subscribed, emitting everyone viewing it
   * (this user included). After a reconnect the server has ended the viewing: it starts again.
   */
  watch(patientId: string): Observable<PatientViewer[]> {
    return new Observable<PatientViewer[]>((subscriber) => {
      const changes = this.connection
        .on('patient:viewers')
        .pipe(filter((signal) => signal.patientId === patientId))
        .subscribe((signal) => subscriber.next(signal.viewers));

      const start = async () => {
        const ack = await this.connection.emit('patient:view-start', { patientId });
        if (ack.ok) subscriber.next(ack.viewers);
        // Not sent or not answered: the next session:ready starts again.
        else if (!isClientError(ack.error)) subscriber.error(new PatientViewingError(ack.error));
      };
      const alreadyLive = this.connection.status().state === 'connected' ? of(null) : EMPTY;
      const starts = merge(alreadyLive, this.connection.ready$).subscribe(() => void start());

      return () => {
        changes.unsubscribe();
        starts.unsubscribe();
        void this.connection.emit('patient:view-stop', { patientId });
      };
    });
  }
}
