import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AllPages, ListPage, ListPages } from '@derm/portal/core';
import { PatientSummary, PatientViewAuditEntry, StaffMember } from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** Filters of the chart-view audit; times are ISO 8601. */
export interface PatientViewAuditFilters {
  patientId?: string;
  userId?: string;
  from?: string;
  to?: string;
}

/** The patients REST API and the chart-view audit (admins only). */
@Injectable({ providedIn: 'root' })
export class PatientsApi {
  private readonly http = inject(HttpClient);
  private readonly allPages = inject(AllPages);
  private readonly pages = inject(ListPages);

  /** A page of the clinic's patients by name; with `search`, of those whose name holds it or whose MRN starts with it. */
  list(search: string, limit: number, cursor?: string): Observable<ListPage<PatientSummary>> {
    return this.pages.get<PatientSummary>(
      '/api/patients',
      { limit: String(limit), ...(search ? { q: search } : {}) },
      cursor,
    );
  }

  get(id: string): Observable<PatientSummary> {
    return this.http.get<PatientSummary>(`/api/patients/${encodeURIComponent(id)}`);
  }

  /** Every account of the clinic, deactivated ones included: who has left may still be audited. */
  staff(): Observable<StaffMember[]> {
    return this.allPages.get<StaffMember>('/api/staff/accounts');
  }

  /** A page of the chart-view audit, newest first; `cursor` reads the page after an earlier one. */
  patientViews(
    filters: PatientViewAuditFilters,
    limit: number,
    cursor?: string,
  ): Observable<ListPage<PatientViewAuditEntry>> {
    const params = Object.fromEntries(Object.entries(filters).filter(([, value]) => !!value)) as Record<string, string>;
    return this.pages.get<PatientViewAuditEntry>(
      '/api/audit/patient-views',
      { ...params, limit: String(limit) },
      cursor,
    );
  }
}
