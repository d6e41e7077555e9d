import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ActionKeys, newIdempotencyKey, retryLost } from '@derm/portal/core';
import { AnnouncementView, CreateAnnouncementRequest, IDEMPOTENCY_KEY_HEADER } from '@derm/shared/contracts';
import { Observable, tap } from 'rxjs';

/** Clinic-wide announcements over REST (admins only). */
@Injectable({ providedIn: 'root' })
export class AnnouncementsApi {
  private readonly http = inject(HttpClient);
  private readonly keys = new ActionKeys(newIdempotencyKey);

  /** Sent once, as an alert is: one idempotency key for every attempt at one announcement. */
  send(request: CreateAnnouncementRequest): Observable<AnnouncementView> {
    const headers = new HttpHeaders({ [IDEMPOTENCY_KEY_HEADER]: this.keys.keyFor('send', request) });
    return this.http.post<AnnouncementView>('/api/announcements', request, { headers }).pipe(
      retryLost(),
      tap(() => this.keys.done('send', request)),
    );
  }
}
