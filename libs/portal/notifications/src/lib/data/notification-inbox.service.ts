import { computed, inject, Injectable, signal } from '@angular/core';
import { ConnectionService } from '@derm/portal/core';
import { NotificationList, NotificationView } from '@derm/shared/contracts';
import { catchError, EMPTY, firstValueFrom, map, merge, Observable, of, Subject, switchMap, takeUntil } from 'rxjs';
import { acknowledged, appended, counted, EMPTY_INBOX, InboxChange, InboxState, loaded, readSynced, received } from './inbox-state';
import { NotificationEvents } from './notification-events.service';
import { NotificationsApi, PAGE_SIZE } from './notifications-api.service';

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
  private readonly state = signal<InboxState>(EMPTY_INBOX);
  private readonly toastSubject = new Subject<NotificationView>();
  /** Changes heard while a page is on its way, replayed onto it. */
  private heardDuringLoad: InboxChange[] | null = null;
  /** Bumped for each new person, so that an answer for the previous one is dropped. */
  private generation = 0;

  readonly items = computed(() => this.state().items);
  readonly unreadCount = computed(() => this.state().unreadCount);
  readonly awaitingAck = computed(() => this.state().awaitingAck);
  readonly hasMore = signal(false);
  readonly loadFailed = signal(false);
  /** High-priority notifications as they first arrive, for toasts (urgent alerts have the modal). */
  readonly toasts$: Observable<NotificationView> = this.toastSubject.asObservable();

  constructor() {
    this.events.new$.subscribe(({ data: { notification } }) => {
      const isNew = !this.state().items.some((n) => n.id === notification.id);
      this.apply(received(notification));
      if (isNew && notification.priority === 'high' && !notification.requiresAck) this.toastSubject.next(notification);
    });
    this.events.unreadCount$.subscribe(({ count }) => this.apply(counted(count)));
    this.events.read$.subscribe(({ ids }) => this.apply(readSynced(ids, new Date().toISOString())));

    const alreadyLive = this.connection.status().state === 'connected' ? of(null) : EMPTY;
    merge(alreadyLive, this.connection.ready$)
      .pipe(switchMap(() => this.firstPage()))
      .subscribe((page) => this.replaceWith(page));

    this.connection.userChanged$.subscribe(() => this.reset());
  }

  async loadMore(): Promise<void> {
    const last = this.state().items.at(-1);
    const generation = this.generation;
    const page = await firstValueFrom(this.api.list(last?.id).pipe(catchError(() => of(null))));
    if (!page || generation !== this.generation) return;
    this.hasMore.set(page.items.length === PAGE_SIZE);
    this.apply(appended(page.items));
  }

  /** Urgent alerts are left alone: they are read by acknowledging them. */
  async markRead(ids: readonly string[]): Promise<void> {
    const readable = this.state().items.filter((n) => ids.includes(n.id) && !n.readAt && !n.requiresAck).map((n) => n.id);
    if (readable.length === 0) return;
    this.apply(readSynced(readable, new Date().toISOString()));
    const generation = this.generation;
    const count = await this.viaSocketOrRest(
      async () => {
        const ack = await this.connection.emit('notification:mark-read', { ids: readable });
        return ack.ok ? ack.count : null;
      },
      () => this.api.markRead({ ids: readable }).pipe(map((result) => result.count)),
    );
    if (count !== null && generation === this.generation) this.apply(counted(count));
  }

  async markAllRead(): Promise<void> {
    const unread = this.state().items.filter((n) => !n.readAt && !n.requiresAck).map((n) => n.id);
    this.apply(readSynced(unread, new Date().toISOString()));
    const generation = this.generation;
    const result = await firstValueFrom(this.api.markRead({ all: true }).pipe(catchError(() => of(null))));
    if (result && generation === this.generation) this.apply(counted(result.count));
  }

  /** True once the server has it; every other tab then hears `notification:read`. */
  async acknowledge(id: string): Promise<boolean> {
    const generation = this.generation;
    const done = await this.viaSocketOrRest(
      async () => ((await this.connection.emit('notification:ack', { id })).ok ? true : null),
      () => this.api.acknowledge(id).pipe(map(() => true)),
    );
    if (done === null || generation !== this.generation) return false;
    this.apply(acknowledged(id, new Date().toISOString()));
    return true;
  }

  private firstPage(): Observable<NotificationList> {
    this.heardDuringLoad = [];
    return this.api.list().pipe(
      takeUntil(this.connection.userChanged$),
      catchError(() => {
        this.heardDuringLoad = null;
        this.loadFailed.set(true);
        return EMPTY;
      }),
    );
  }

  private replaceWith(page: NotificationList): void {
    const heard = this.heardDuringLoad ?? [];
    this.heardDuringLoad = null;
    this.loadFailed.set(false);
    this.hasMore.set(page.items.length === PAGE_SIZE);
    this.state.update((state) => heard.reduce((next, change) => change(next), loaded(page)(state)));
  }

  private apply(change: InboxChange): void {
    this.heardDuringLoad?.push(change);
    this.state.update(change);
  }

  private reset(): void {
    this.generation += 1;
    this.heardDuringLoad = null;
    this.hasMore.set(false);
    this.loadFailed.set(false);
    this.state.set(EMPTY_INBOX);
  }

  /** The socket when connected (its ack carries the result); REST when not, or when the socket failed. */
  private async viaSocketOrRest<T>(socket: () => Promise<T | null>, rest: () => Observable<T>): Promise<T | null> {
    if (this.connection.status().state === 'connected') {
      const result = await socket();
      if (result !== null) return result;
    }
    return firstValueFrom(rest().pipe(catchError(() => of(null))));
  }
}
