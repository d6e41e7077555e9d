import { inject, Injectable } from '@angular/core';
import { ActionKeys, newIdempotencyKey, retryLost } from '@derm/portal/core';
import {
  AppointmentSummary,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  UpdateAppointmentRequest,
} from '@derm/shared/contracts';
import { Observable, tap } from 'rxjs';
import { AppointmentsApi, StatusAction } from './appointments-api.service';

/**
 * The schedule's writes, each done once: one idempotency key per action, sent again by itself
 * after an answer that never came (`retryLost`) and kept when the person tries the same again
 * after a failure, so that a booking, a move or a change of status is stored and announced once.
 * A move or cancellation names the version the person decided on (`If-Match`); a retry sends the
 * same, and the API answers it the first attempt's result, not a 412 for that attempt's own change.
 * Deciding again on a newer version is another action, with a key of its own.
 */
@Injectable({ providedIn: 'root' })
export class AppointmentWrites {
  private readonly api = inject(AppointmentsApi);
  private readonly keys = new ActionKeys(newIdempotencyKey);

  create(request: CreateAppointmentRequest): Observable<AppointmentSummary> {
    return this.once('create', request, (key) => this.api.create(request, key));
  }

  update(id: string, version: number, request: UpdateAppointmentRequest): Observable<AppointmentSummary> {
    return this.once(`update:${id}`, { ...request, version }, (key) => this.api.update(id, request, key, version));
  }

  cancel(id: string, version: number, request: CancelAppointmentRequest): Observable<AppointmentSummary> {
    return this.once(`cancel:${id}`, { ...request, version }, (key) => this.api.cancel(id, request, key, version));
  }

  changeStatus(id: string, action: StatusAction): Observable<AppointmentSummary> {
    return this.once(`${action}:${id}`, {}, (key) => this.api.changeStatus(id, action, key));
  }

  private once(
    action: string,
    request: object,
    send: (key: string) => Observable<AppointmentSummary>,
  ): Observable<AppointmentSummary> {
    return send(this.keys.keyFor(action, request)).pipe(
      retryLost(),
      tap(() => this.keys.done(action, request)),
    );
  }
}
