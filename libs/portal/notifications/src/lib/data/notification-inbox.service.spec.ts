import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CommandOutcome, ConnectionService } from '@derm/portal/core';
import { MarkNotificationsReadResult, NotificationView, SessionReady } from '@derm/shared/contracts';
import { Subject } from 'rxjs';
import { NotificationInbox } from './notification-inbox.service';

const LIST_URL = '/api/notifications';
const READ_URL = '/api/notifications/read';

const unread: NotificationView = {
  id: 'n1',
  kind: 'announcement',
  title: 'Staff meeting at noon',
  priority: 'normal',
  createdAt: '2026-12-01T09:00:00.000Z',
  requiresAck: false,
};

/** What the inbox uses of `ConnectionService`, played by the test: the connection, the next person, the acks. */
class FakeConnection {
  readonly ready$ = new Subject<SessionReady>();
  readonly resync$ = new Subject<SessionReady>();
  readonly userChanged$ = new Subject<string | null>();
  readonly status = signal({ state: 'connected' as const });
  readonly queued = signal([]);
  readonly acks = new Subject<CommandOutcome<MarkNotificationsReadResult>>();
  private readonly events = new Map<string, Subject<unknown>>();

  on(event: string): Subject<unknown> {
    const stream = this.events.get(event) ?? new Subject<unknown>();
    this.events.set(event, stream);
    return stream;
  }

  emit(): Promise<CommandOutcome<MarkNotificationsReadResult>> {
    return new Promise((resolve) => this.acks.subscribe(resolve));
  }
}

describe('NotificationInbox', () => {
  let connection: FakeConnection;
  let inbox: NotificationInbox;
  let http: HttpTestingController;

  beforeEach(() => {
    connection = new FakeConnection();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ConnectionService, useValue: connection },
      ],
    });
    inbox = TestBed.inject(NotificationInbox);
    http = TestBed.inject(HttpTestingController);
    // Loaded as soon as it is made, the connection being up.
    http.expectOne((request) => request.url === LIST_URL).flush({ items: [unread], unreadCount: 1 });
  });
  afterEach(() => http.verify());

  it('marks read over REST when the socket did not answer, for the same person', async () => {
    const marking = inbox.markRead([unread.id]);
    connection.acks.next({ ok: false, error: { code: 'TIMED_OUT', message: 'No answer' } });
    await new Promise<void>((resolve) => setTimeout(resolve));
    const rest = http.expectOne(READ_URL);
    expect(rest.request.body).toEqual({ ids: [unread.id] });
    rest.flush({ count: 0 });
    await marking;
    expect(inbox.unreadCount()).toBe(0);
  });

  it('sends nothing over REST once the person signed out: it would go with the next person’s token', async () => {
    const marking = inbox.markRead([unread.id]);
    connection.userChanged$.next('front-desk');
    connection.acks.next({ ok: false, error: { code: 'TIMED_OUT', message: 'No answer' } });
    await marking;
    http.expectNone(READ_URL);
  });
});
