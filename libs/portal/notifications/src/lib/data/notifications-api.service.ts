import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  IDEMPOTENCY_KEY_HEADER,
  MarkNotificationsReadRequest,
  MarkNotificationsReadResult,
  NEXT_CURSOR_HEADER,
  NotificationList,
  NotificationView,
} from '@derm/shared/contracts';
import { map, Observable } from 'rxjs';
import { InboxPage } from './inbox-state';

const PAGE_SIZE = 20;

/** The inbox over REST: the source of truth the bell loads and re-syncs from. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** Unread first, newest first; a cursor from the previous page continues after it. */
  list(cursor?: string): Observable<InboxPage> {
    const params: Record<string, string> = { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) };
    return this.http.get<NotificationList>('/api/notifications', { params, observe: 'response' }).pipe(
      map(({ body, headers }) => ({
        items: body?.items ?? [],
        unreadCount: body?.unreadCount ?? 0,
        nextCursor: headers.get(NEXT_CURSOR_HEADER),
      })),
    );
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
