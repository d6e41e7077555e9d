import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AllPages } from '@derm/portal/core';
import {
  AppointmentSummary,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  PatientSummary,
  StaffMember,
  UpdateAppointmentRequest,
} from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** The appointments REST API: the source of truth the schedule loads and re-syncs from. */
@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);
  private readonly allPages = inject(AllPages);

  /** One day's appointments; `date` (`YYYY-MM-DD`) is a day of the clinic's calendar. */
  list(date: string): Observable<AppointmentSummary[]> {
    return this.allPages.get<AppointmentSummary>('/api/appointments', { date });
  }

  create(request: CreateAppointmentRequest): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>('/api/appointments', request);
  }

  /** A reschedule (`startsAt`/`endsAt`), or another provider or type. */
  update(id: string, request: UpdateAppointmentRequest): Observable<AppointmentSummary> {
    return this.http.patch<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}`, request);
  }

  cancel(id: string, request: CancelAppointmentRequest = {}): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/cancel`, request);
  }

  checkIn(id: string): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/check-in`, {});
  }

  complete(id: string): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/complete`, {});
  }

  markNoShow(id: string): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/no-show`, {});
  }

  patients(): Observable<PatientSummary[]> {
    return this.allPages.get<PatientSummary>('/api/patients');
  }

  staff(): Observable<StaffMember[]> {
    return this.allPages.get<StaffMember>('/api/staff');
  }
}
