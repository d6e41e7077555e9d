import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ActionKeys, ListPage, ListPages, newIdempotencyKey, retryLost } from '@derm/portal/core';
import { AlertSummary, IDEMPOTENCY_KEY_HEADER, SendAlertRequest } from '@derm/shared/contracts';
import { Observable, tap } from 'rxjs';

/** Urgent alerts over REST: send one, and follow who has acknowledged it. */
@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);
  private readonly pages = inject(ListPages);
  private readonly keys = new ActionKeys(newIdempotencyKey);

  /**
   * Sent once: every attempt at one alert carries one idempotency key, so a retry after a lost
   * answer, ours or the person's (the form keeps what they typed), alerts its recipients once.
   */
  send(request: SendAlertRequest): Observable<AlertSummary> {
    const headers = new HttpHeaders({ [IDEMPOTENCY_KEY_HEADER]: this.keys.keyFor('send', request) });
    return this.http.post<AlertSummary>('/api/alerts', request, { headers }).pipe(
      retryLost(),
      tap(() => this.keys.done('send', request)),
    );
  }

  status(id: string): Observable<AlertSummary> {
    return this.http.get<AlertSummary>(`/api/alerts/${encodeURIComponent(id)}`);
  }

  /** A page of the caller's alerts, newest first (for admins, the whole clinic's); `cursor` reads the page after an earlier one. */
  recent(cursor?: string): Observable<ListPage<AlertSummary>> {
    return this.pages.get<AlertSummary>('/api/alerts', {}, cursor);
  }
}
