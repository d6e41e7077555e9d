import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ListPage, ListPages } from '@derm/portal/core';
import { AlertSummary, SendAlertRequest } from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** Urgent alerts over REST: send one, and follow who has acknowledged it. */
@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);
  private readonly pages = inject(ListPages);

  send(request: SendAlertRequest): Observable<AlertSummary> {
    return this.http.post<AlertSummary>('/api/alerts', request);
  }

  status(id: string): Observable<AlertSummary> {
    return this.http.get<AlertSummary>(`/api/alerts/${encodeURIComponent(id)}`);
  }

  /** A page of the caller's alerts, newest first (for admins, the whole clinic's); `cursor` reads the page after an earlier one. */
  recent(cursor?: string): Observable<ListPage<AlertSummary>> {
    return this.pages.get<AlertSummary>('/api/alerts', {}, cursor);
  }
}
