import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AppointmentSummary,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  PatientSummary,
  StaffMember,
} from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** The appointments REST API: the source of truth the schedule loads and re-syncs from. */
@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);

  /** One day's appointments; `date` (`YYYY-MM-DD`) is a day of the clinic's calendar. */
  list(date: string): Observable<AppointmentSummary[]> {
    return this.http.get<AppointmentSummary[]>('/api/appointments', { params: { date } });
  }

  create(request: CreateAppointmentRequest): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>('/api/appointments', request);
  }

  cancel(id: string, request: CancelAppointmentRequest = {}): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/cancel`, request);
  }

  checkIn(id: string): Observable<AppointmentSummary> {
    return this.http.post<AppointmentSummary>(`/api/appointments/${encodeURIComponent(id)}/check-in`, {});
  }

  patients(): Observable<PatientSummary[]> {
    return this.http.get<PatientSummary[]>('/api/patients');
  }

  staff(): Observable<StaffMember[]> {
    return this.http.get<StaffMember[]>('/api/staff');
  }
}
