import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ListPage, ListPages } from '@derm/portal/core';
import {
  AddThreadParticipantsRequest,
  ChatMessage,
  CreateThreadRequest,
  IDEMPOTENCY_KEY_HEADER,
  ThreadSummary,
  UnreadMessagesCount,
} from '@derm/shared/contracts';
import { catchError, Observable, of, throwError } from 'rxjs';

export const MESSAGES_PAGE_SIZE = 50;

/** The messaging REST API: the source of truth pages load and re-sync from. */
@Injectable({ providedIn: 'root' })
export class MessagingApi {
  private readonly http = inject(HttpClient);
  private readonly pages = inject(ListPages);

  /** A page of the person's threads, most recent activity first (50 by default); `cursor` reads the page after an earlier one. */
  threads(cursor?: string): Observable<ListPage<ThreadSummary>> {
    return this.pages.get<ThreadSummary>('/api/threads', {}, cursor);
  }

  /** A page of the person's threads about one patient, in the same order (for the patient's chart). */
  threadsAbout(patientId: string, cursor?: string): Observable<ListPage<ThreadSummary>> {
    return this.pages.get<ThreadSummary>('/api/threads', { patientId }, cursor);
  }

  /** One of the person's threads, as the list has it: for one opened beyond the pages loaded. */
  thread(threadId: string): Observable<ThreadSummary> {
    return this.http.get<ThreadSummary>(`/api/threads/${encodeURIComponent(threadId)}`);
  }

  /** The person's most recently active conversation with just this colleague; `null` when there is none. */
  directThread(userId: string): Observable<ThreadSummary | null> {
    return this.http
      .get<ThreadSummary>(`/api/threads/direct/${encodeURIComponent(userId)}`)
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 404 ? of(null) : throwError(() => error),
        ),
      );
  }

  unreadCount(): Observable<UnreadMessagesCount> {
    return this.http.get<UnreadMessagesCount>('/api/threads/unread-count');
  }

  createThread(request: CreateThreadRequest): Observable<ThreadSummary> {
    return this.http.post<ThreadSummary>('/api/threads', request);
  }

  /** Colleagues join the thread; the answer is the thread as this person's list shows it. */
  addParticipants(threadId: string, userIds: readonly string[]): Observable<ThreadSummary> {
    const request: AddThreadParticipantsRequest = { userIds: [...userIds] };
    return this.http.post<ThreadSummary>(`/api/threads/${encodeURIComponent(threadId)}/participants`, request);
  }

  /** This person leaves the thread: it leaves their list, and everyone who was in it hears who remains. */
  leave(threadId: string): Observable<void> {
    return this.http.delete<void>(`/api/threads/${encodeURIComponent(threadId)}/participants/me`);
  }

  /** The newest messages (before a message, when given), oldest first. */
  messages(threadId: string, before?: string): Observable<ChatMessage[]> {
    const params: Record<string, string | number> = { limit: MESSAGES_PAGE_SIZE, ...(before ? { before } : {}) };
    return this.http.get<ChatMessage[]>(`/api/threads/${encodeURIComponent(threadId)}/messages`, { params });
  }

  /** Posts once per `idempotencyKey`: sent again with the same key, it answers the first message. */
  post(threadId: string, body: string, idempotencyKey: string): Observable<ChatMessage> {
    const headers = new HttpHeaders({ [IDEMPOTENCY_KEY_HEADER]: idempotencyKey });
    return this.http.post<ChatMessage>(`/api/threads/${encodeURIComponent(threadId)}/messages`, { body }, { headers });
  }
}
