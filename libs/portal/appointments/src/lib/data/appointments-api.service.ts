import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AllPages } from '@derm/portal/core';
import {
  appointmentETag,
  AppointmentSummary,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  IDEMPOTENCY_KEY_HEADER,
  UpdateAppointmentRequest,
} from '@derm/shared/contracts';
import { Observable } from 'rxjs';

export type StatusAction = 'check-in' | 'complete' | 'no-show';

/**
 * The appointments REST API: the source of truth the schedule loads and re-syncs from. Every
 * write sends the idempotency key of the person's action (see `AppointmentWrites`); a move or a
 * cancellation also the version the person decided on, as `If-Match` (412 if it changed since).
 */
@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);
  private readonly allPages = inject(AllPages);

  /** One day's appointments; `date` (`YYYY-MM-DD`) is a day of the clinic's calendar. */
  list(date: string): Observable<AppointmentSummary[]> {
    return this.allPages.get<AppointmentSummary>('/api/appointments', { date });
  }

  /** One patient's visits from the start of the clinic's today, earliest first, whatever their status. */
  visitsOf(patientId: string): Observable<AppointmentSummary[]> {
    return this.allPages.get<AppointmentSummary>(`/api/patients/${encodeURIComponent(patientId)}/appointments`);
  }

  create(request: CreateAppointmentRequest, key: string): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>('/api/appointments', request, keyed(key));
  }

  /** A reschedule (`startsAt`/`endsAt`), or another provider or type, of the appointment at `version`. */
  update(id: string, request: UpdateAppointmentRequest, key: string, version: number): Observable<AppointmentSummary> {
    return this.http.patch<AppointmentSummary>(
      `/api/appointments/${encodeURIComponent(id)}`,
      request,
      keyed(key, version),
    );
  }

  /** Cancels the appointment at `version`. */
  cancel(id: string, request: CancelAppointmentRequest, key: string, version: number): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(
      `/api/appointments/${encodeURIComponent(id)}/cancel`,
      request,
      keyed(key, version),
    );
  }

  /** A change of status: `check-in`, `complete` or `no-show`. */
  changeStatus(id: string, action: StatusAction, key: string): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/${action}`, {}, keyed(key));
  }
}

function keyed(key: string, version?: number): { headers: HttpHeaders } {
  const headers = new HttpHeaders({ [IDEMPOTENCY_KEY_HEADER]: key });
  return { headers: version === undefined ? headers : headers.set('If-Match', appointmentETag(version)) };
}
