import { computed, inject, Injectable, signal } from '@angular/core';
import { ConnectionService, liveCollection, newIdempotencyKey, NextPages } from '@derm/portal/core';
import { NotificationView } from '@derm/shared/contracts';
import { catchError, firstValueFrom, map, Observable, of, Subject } from 'rxjs';
import {
  acknowledged,
  appended,
  counted,
  EMPTY_INBOX,
  InboxChange,
  InboxPage,
  InboxState,
  loaded,
  readSynced,
  received,
} from './inbox-state';
import { NotificationEvents } from './notification-events.service';
import { NotificationsApi } from './notifications-api.service';

/**
 * The signed-in person's inbox: the first page over REST on every connection (what was missed
 * is not replayed), kept current by `notification:*` events; marks read and acknowledges over
 * the socket when it is up, over REST otherwise.
 */
@Injectable({ providedIn: 'root' })
export class NotificationInbox {
  private readonly api = inject(NotificationsApi);
  private readonly events = inject(NotificationEvents);
  private readonly connection = inject(ConnectionService);
  private readonly inbox = liveCollection<InboxState, InboxPage>({
    initial: EMPTY_INBOX,
    load: () => this.api.list(),
    loaded: (state, page) => loaded(page)(state),
    refetch: 'on-every-connection',
  });
  private readonly toastSubject = new Subject<NotificationView>();
  private readonly olderLoading = signal(false);
  /** The cursor of the page whose request failed. */
  private readonly olderFailedAt = signal<string | null>(null);

  readonly items = computed(() => this.inbox.value().items);
  readonly unreadCount = computed(() => this.inbox.value().unreadCount);
  readonly awaitingAck = computed(() => this.inbox.value().awaitingAck);
  /** No page yet (the first comes with the first connection), or one on its way (again on every connection). */
  readonly loading = this.inbox.loading;
  readonly loadFailed = computed(() => this.inbox.error() !== null);
  /** The page after the last notification shown, on request (as `nextPages` gives other lists). */
  readonly older: NextPages = {
    available: computed(() => !this.loading() && this.inbox.value().nextCursor !== null),
    loading: this.olderLoading.asReadonly(),
    failed: computed(() => this.olderFailedAt() !== null && this.olderFailedAt() === this.inbox.value().nextCursor),
    show: () => this.showOlder(),
  };
  /** Acknowledgements made while not connected: they go out at the next connection. */
  readonly acksWaiting = computed(
    () =>
      new Set(
        this.connection
          .queued()
          .flatMap((queued) => (queued.command === 'notification:ack' ? [queued.payload.id] : [])),
      ),
  );
  /** High-priority notifications as they first arrive, for toasts (urgent alerts have the modal). */
  readonly toasts$: Observable<NotificationView> = this.toastSubject.asObservable();

  constructor() {
    this.events.new$.subscribe(({ data: { notification } }) => {
      const isNew = !this.items().some((n) => n.id === notification.id);
      this.apply(received(notification));
      if (isNew && notification.priority === 'high' && !notification.requiresAck) this.toastSubject.next(notification);
    });
    this.events.unreadCount$.subscribe(({ count }) => this.apply(counted(count)));
    this.events.read$.subscribe((read) => this.apply(readSynced(read, new Date().toISOString())));
  }

  private async showOlder(): Promise<void> {
    const cursor = this.inbox.value().nextCursor;
    if (!cursor || this.olderLoading()) return;
    const sameUser = this.inbox.forCurrentUser();
    this.olderLoading.set(true);
    this.olderFailedAt.set(null);
    const page = await firstValueFrom(this.api.list(cursor).pipe(catchError(() => of(null))));
    this.olderLoading.set(false);
    if (!sameUser()) return;
    if (page) this.apply(appended(page));
    else this.olderFailedAt.set(cursor);
  }

  /** Urgent alerts are left alone: they are read by acknowledging them. */
  async markRead(ids: readonly string[]): Promise<void> {
    const readable = this.items()
      .filter((n) => ids.includes(n.id) && !n.readAt && !n.requiresAck)
      .map((n) => n.id);
    if (readable.length === 0) return;
    this.apply(readSynced({ ids: readable }, new Date().toISOString()));
    const sameUser = this.inbox.forCurrentUser();
    const count = await this.viaSocketOrRest(
      sameUser,
      async () => {
        const ack = await this.connection.emit('notification:mark-read', { ids: readable });
        return ack.ok ? ack.count : null;
      },
      () => this.api.markRead({ ids: readable }).pipe(map((result) => result.count)),
    );
    if (count !== null && sameUser()) this.apply(counted(count));
  }

  async markAllRead(): Promise<void> {
    const unread = this.items()
      .filter((n) => !n.readAt && !n.requiresAck)
      .map((n) => n.id);
    this.apply(readSynced({ ids: unread }, new Date().toISOString()));
    const sameUser = this.inbox.forCurrentUser();
    const result = await firstValueFrom(this.api.markRead({ all: true }).pipe(catchError(() => of(null))));
    if (result && sameUser()) this.apply(counted(result.count));
  }

  /**
   * True once the server has it; every other tab then hears `notification:read`. Made while not
   * connected, it waits in `acksWaiting` and resolves when sent on reconnecting; a refusal or an
   * unanswered command is tried once more over REST, with the same idempotency key.
   */
  async acknowledge(id: string): Promise<boolean> {
    const sameUser = this.inbox.forCurrentUser();
    const idempotencyKey = newIdempotencyKey();
    const outcome = await this.connection.emit('notification:ack', { id, idempotencyKey });
    if (!sameUser()) return false;
    const done =
      outcome.ok ||
      (await firstValueFrom(
        this.api.acknowledge(id, idempotencyKey).pipe(
          map(() => true),
          catchError(() => of(false)),
        ),
      ));
    if (!done || !sameUser()) return false;
    this.apply(acknowledged(id, new Date().toISOString()));
    return true;
  }

  private apply(change: InboxChange): void {
    this.inbox.apply(change);
  }

  /**
   * The socket when connected (its ack carries the result); REST when not, or when the socket
   * failed, unless the person signed out meanwhile: REST would send it with the next one's token.
   */
  private async viaSocketOrRest<T>(
    sameUser: () => boolean,
    socket: () => Promise<T | null>,
    rest: () => Observable<T>,
  ): Promise<T | null> {
    if (this.connection.status().state === 'connected') {
      const result = await socket();
      if (result !== null) return result;
      if (!sameUser()) return null;
    }
    return firstValueFrom(rest().pipe(catchError(() => of(null))));
  }
}
