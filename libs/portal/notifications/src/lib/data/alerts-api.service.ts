import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AllPages } from '@derm/portal/core';
import { AlertSummary, SendAlertRequest, StaffMember } from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** Urgent alerts over REST: send one, and follow who has acknowledged it. */
@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);
  private readonly allPages = inject(AllPages);

  send(request: SendAlertRequest): Observable<AlertSummary> {
    return this.http.post<AlertSummary>('/api/alerts', request);
  }

  status(id: string): Observable<AlertSummary> {
    return this.http.get<AlertSummary>(`/api/alerts/${encodeURIComponent(id)}`);
  }

  /** The caller's recent alerts; for admins, the whole clinic's. */
  recent(): Observable<AlertSummary[]> {
    return this.http.get<AlertSummary[]>('/api/alerts');
  }

  staff(): Observable<StaffMember[]> {
    return this.allPages.get<StaffMember>('/api/staff');
  }
}
