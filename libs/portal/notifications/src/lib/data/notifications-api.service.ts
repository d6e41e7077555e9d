import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  IDEMPOTENCY_KEY_HEADER,
  MarkNotificationsReadRequest,
  MarkNotificationsReadResult,
  NotificationList,
  NotificationView,
} from '@derm/shared/contracts';
import { Observable } from 'rxjs';

export const PAGE_SIZE = 20;

/** The inbox over REST: the source of truth the bell loads and re-syncs from. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** Unread first, newest first; `before` continues after that notification. */
  list(before?: string): Observable<NotificationList> {
    const params: Record<string, string> = { limit: String(PAGE_SIZE), ...(before ? { before } : {}) };
    return this.http.get<NotificationList>('/api/notifications', { params });
  }

  markRead(request: MarkNotificationsReadRequest): Observable<MarkNotificationsReadResult> {
    return this.http.post<MarkNotificationsReadResult>('/api/notifications/read', request);
  }

  /** With the key the socket attempt carried: the server treats both as one acknowledgement. */
  acknowledge(id: string, idempotencyKey: string): Observable<NotificationView> {
    const headers = new HttpHeaders({ [IDEMPOTENCY_KEY_HEADER]: idempotencyKey });
    return this.http.post<NotificationView>(`/api/notifications/${encodeURIComponent(id)}/ack`, {}, { headers });
  }
}
