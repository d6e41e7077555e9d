import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AllPages } from '@derm/portal/core';
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

  /** Every patient of the clinic, or with `search` those whose name holds it or whose MRN starts with it. */
  list(search = ''): Observable<PatientSummary[]> {
    return this.allPages.get<PatientSummary>('/api/patients', search ? { q: search } : {});
  }

  get(id: string): Observable<PatientSummary> {
    return this.http.get<PatientSummary>(`/api/patients/${encodeURIComponent(id)}`);
  }

  staff(): Observable<StaffMember[]> {
    return this.allPages.get<StaffMember>('/api/staff');
  }

  patientViews(filters: PatientViewAuditFilters): Observable<PatientViewAuditEntry[]> {
    const params = Object.fromEntries(Object.entries(filters).filter(([, value]) => !!value)) as Record<string, string>;
    return this.http.get<PatientViewAuditEntry[]>('/api/audit/patient-views', { params });
  }
}
