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

/** Chart views a page of the audit shows; more come on request. */
export const AUDIT_PAGE_SIZE = 100;

/** The patients REST API and the chart-view audit (admins only). */
@Injectable({ providedIn: 'root' })
export class PatientsApi {
  private readonly http = inject(HttpClient);
  private readonly allPages = inject(AllPages);
  private readonly pages = inject(ListPages);

  /** Every patient of the clinic, or with `search` those whose name holds it or whose MRN starts with it. */
  list(search = ''): Observable<PatientSummary[]> {
    return this.allPages.get<PatientSummary>('/api/patients', search ? { q: search } : {});
  }

  /** The first `limit` patients by name that `search` finds (all of them when blank), for a picker. */
  find(search: string, limit: number): Observable<PatientSummary[]> {
    return this.http.get<PatientSummary[]>('/api/patients', { params: { limit, ...(search ? { q: search } : {}) } });
  }

  get(id: string): Observable<PatientSummary> {
    return this.http.get<PatientSummary>(`/api/patients/${encodeURIComponent(id)}`);
  }

  staff(): Observable<StaffMember[]> {
    return this.allPages.get<StaffMember>('/api/staff');
  }

  /** A page of the chart-view audit, newest first; `cursor` reads the page after an earlier one. */
  patientViews(filters: PatientViewAuditFilters, cursor?: string): Observable<ListPage<PatientViewAuditEntry>> {
    const params = Object.fromEntries(Object.entries(filters).filter(([, value]) => !!value)) as Record<string, string>;
    return this.pages.get<PatientViewAuditEntry>('/api/audit/patient-views', { ...params, limit: String(AUDIT_PAGE_SIZE) }, cursor);
  }
}
