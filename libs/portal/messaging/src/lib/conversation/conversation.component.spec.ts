import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { signal, WritableSignal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthSession, ClinicClock, Colleagues, ConnectionService, PageVisibility } from '@derm/portal/core';
import { keyOf } from '@derm/portal/core/testing';
import { ChatMessage, IDEMPOTENCY_KEY_PATTERN, ThreadSummary } from '@derm/shared/contracts';
import { NEVER, Subject, throwError } from 'rxjs';
import { MessageDrafts } from '../data/message-drafts.service';
import { MessageSender } from '../data/message-sender.service';
import { MessagingEvents } from '../data/messaging-events.service';
import { POSTED_MESSAGE } from '../data/posted-message.testing';
import { UnreadMessages } from '../data/unread-messages.service';
import { ThreadsStore } from '../messages/threads.store';
import { ConversationComponent } from './conversation.component';

const asked: ChatMessage = {
  ...POSTED_MESSAGE,
  id: 'm0',
  senderId: 'ana',
  senderName: 'Ana',
  body: 'Is the lab called?',
};
const threadOf = (id: string): ThreadSummary => ({
  id,
  subject: `Thread ${id}`,
  participants: [
    { id: 'nora', name: 'Nora', active: true },
    { id: 'ana', name: 'Ana', active: true },
  ],
  unread: 0,
  lastActivityAt: asked.sentAt,
  readBy: {},
});
const messagesOf = (threadId: string) => `/api/threads/${threadId}/messages`;

describe('ConversationComponent, Send pressed while the lines load', () => {
  let fixture: ComponentFixture<ConversationComponent>;
  let http: HttpTestingController;
  let drafts: MessageDrafts;
  let sends: jest.SpyInstance;
  let resync: Subject<unknown>;
  let ready: Subject<unknown>;
  let userChanged: Subject<unknown>;
  let heard: Subject<{ data: { threadId: string; message: ChatMessage } }>;
  let status: WritableSignal<{ state: string; lastConnectedAt: number }>;

  beforeEach(() => {
    resync = new Subject();
    ready = new Subject();
    userChanged = new Subject();
    heard = new Subject();
    status = signal({ state: 'connected', lastConnectedAt: Date.now() });
    const none = new Subject<never>();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: ConnectionService,
          useValue: {
            status,
            ready$: ready,
            resync$: resync,
            userChanged$: userChanged,
          },
        },
        {
          provide: MessagingEvents,
          useValue: {
            messages$: heard,
            reads$: none,
            participantsAdded$: none,
            participantLeft$: none,
            typing$: none,
            threadRoom: () => NEVER,
            startTyping: () => undefined,
            stopTyping: () => undefined,
          },
        },
        { provide: AuthSession, useValue: { user: signal({ id: 'nora' }), userId: signal('nora') } },
        { provide: ThreadsStore, useValue: { find: threadOf, messageArrived: () => undefined } },
        { provide: UnreadMessages, useValue: { byThread: signal({}), loading: signal(false) } },
        { provide: Colleagues, useValue: { accountChanges$: none } },
        { provide: PageVisibility, useValue: { visible: signal(true) } },
        { provide: ClinicClock, useValue: { timeZone: signal('UTC'), today: signal('2026-12-01') } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    drafts = TestBed.inject(MessageDrafts);
    sends = jest.spyOn(TestBed.inject(MessageSender), 'send');
    fixture = TestBed.createComponent(ConversationComponent);
  });

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const sendButton = () => element().querySelector<HTMLButtonElement>('[data-testid="composer-send"]')!;
  const lines = () =>
    Array.from(element().querySelectorAll('[data-testid="message-body"]')).map((line) => line.textContent?.trim());
  const posts = (threadId: string) =>
    http.match((request) => request.method === 'POST' && request.url === messagesOf(threadId));

  /** Opens the thread with this draft: its lines are asked for, and held until the test answers. */
  async function open(threadId: string, draft?: string): Promise<TestRequest> {
    if (draft) drafts.keep(threadId, draft);
    fixture.componentRef.setInput('threadId', threadId);
    await fixture.whenStable();
    return http.expectOne((request) => request.method === 'GET' && request.url === messagesOf(threadId));
  }
  const presses = {
    Enter: () =>
      element()
        .querySelector('textarea')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true })),
    Send: () => sendButton().click(),
  };

  it.each(Object.keys(presses) as (keyof typeof presses)[])(
    '%s is remembered: it says it is sending, and the message goes once the lines are shown, once, with its key',
    async (press) => {
      const lines$ = await open('t1', 'Call the lab');
      presses[press]();
      await fixture.whenStable();
      expect(sendButton().textContent?.trim()).toBe('Sending…');
      expect(sendButton().disabled).toBe(true);
      expect(posts('t1')).toEqual([]);

      lines$.flush([asked]);
      await fixture.whenStable();
      const [post, ...more] = posts('t1');
      expect(more).toEqual([]);
      expect(post?.request.body).toEqual({ body: 'Call the lab' });
      expect(keyOf(post!)).toMatch(IDEMPOTENCY_KEY_PATTERN);
      expect(sends.mock.calls).toEqual([['t1', 'Call the lab']]);
      post!.flush(POSTED_MESSAGE);
      await fixture.whenStable();
      expect(lines()).toEqual(['Is the lab called?', 'Call the lab']);
      expect(drafts.of('t1')).toBe('');
      expect(sendButton().textContent?.trim()).toBe('Send');

      // Loaded again (a re-sync), the thread sends nothing more.
      resync.next({});
      await fixture.whenStable();
      http
        .expectOne((request) => request.method === 'GET' && request.url === messagesOf('t1'))
        .flush([asked, POSTED_MESSAGE]);
      await fixture.whenStable();
      expect(posts('t1')).toEqual([]);
      expect(sends).toHaveBeenCalledTimes(1);
    },
  );

  it('a thread that fails to load sends nothing, keeps the draft and offers Send again; nor does a later load send it', async () => {
    const lines$ = await open('t1', 'Call the lab');
    presses.Enter();
    await fixture.whenStable();
    expect(sendButton().textContent?.trim()).toBe('Sending…');

    lines$.flush('unavailable', { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    expect(posts('t1')).toEqual([]);
    expect(drafts.of('t1')).toBe('Call the lab');
    expect(sendButton().textContent?.trim()).toBe('Send');
    expect(element().querySelector('[data-testid="conversation-error"]')?.textContent).toContain(
      'Could not load this conversation',
    );

    resync.next({});
    await fixture.whenStable();
    http.expectOne((request) => request.method === 'GET' && request.url === messagesOf('t1')).flush([asked]);
    await fixture.whenStable();
    expect(lines()).toEqual(['Is the lab called?']);
    expect(posts('t1')).toEqual([]);
    expect(sends).not.toHaveBeenCalled();
    expect(drafts.of('t1')).toBe('Call the lab');
  });

  it.each([
    [403, 'you are not in this conversation.'],
    [404, 'it does not exist.'],
  ])(
    'a thread refused with %s says why and offers nothing to write; the draft stays for a later load',
    async (status, why) => {
      const lines$ = await open('t1', 'Call the lab');
      lines$.flush({ statusCode: status, message: 'refused' }, { status, statusText: 'Refused' });
      await fixture.whenStable();
      expect(element().querySelector('[data-testid="conversation-error"]')?.textContent).toContain(
        `Could not load this conversation: ${why}`,
      );
      expect(element().querySelector('textarea')).toBeNull();
      expect(element().querySelector('[data-testid="composer-send"]')).toBeNull();
      expect(element().querySelector('[data-testid="typing-indicator"]')).toBeNull();
      expect(drafts.of('t1')).toBe('Call the lab');

      // Added meanwhile, a later load shows the thread and its draft to send.
      resync.next({});
      await fixture.whenStable();
      http.expectOne((request) => request.method === 'GET' && request.url === messagesOf('t1')).flush([asked]);
      await fixture.whenStable();
      expect(lines()).toEqual(['Is the lab called?']);
      expect(element().querySelector('textarea')?.value).toBe('Call the lab');
      expect(sendButton().textContent?.trim()).toBe('Send');
      expect(posts('t1')).toEqual([]);
    },
  );

  it('a send that finds no server while live updates are down goes again once they are back, with the same words only', async () => {
    const noServer = () => throwError(() => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }));
    const errorText = () => element().querySelector('[data-testid="conversation-error"] span')?.textContent?.trim();
    const lines$ = await open('t1', 'Call the lab');
    lines$.flush([asked]);
    await fixture.whenStable();
    status.set({ state: 'reconnecting', lastConnectedAt: Date.now() });
    sends.mockReturnValueOnce(noServer());
    presses.Enter();
    await fixture.whenStable();
    expect(errorText()).toBe(
      'Could not send the message: the server cannot be reached. It is sent once live updates are back.',
    );
    expect(drafts.of('t1')).toBe('Call the lab');

    status.set({ state: 'connected', lastConnectedAt: Date.now() });
    ready.next({});
    await fixture.whenStable();
    const [post, ...more] = posts('t1');
    expect(more).toEqual([]);
    expect(post?.request.body).toEqual({ body: 'Call the lab' });
    expect(errorText()).toBeUndefined();
    post!.flush(POSTED_MESSAGE);
    await fixture.whenStable();
    expect(lines()).toEqual(['Is the lab called?', 'Call the lab']);
    expect(drafts.of('t1')).toBe('');
    expect(sends.mock.calls).toEqual([
      ['t1', 'Call the lab'],
      ['t1', 'Call the lab'],
    ]);

    // Words changed after the failure wait for the person's Send: nothing goes by itself.
    drafts.keep('t1', 'Lab called?');
    await fixture.whenStable();
    status.set({ state: 'reconnecting', lastConnectedAt: Date.now() });
    sends.mockReturnValueOnce(noServer());
    presses.Enter();
    drafts.keep('t1', 'Lab called? Ask for the results too');
    status.set({ state: 'connected', lastConnectedAt: Date.now() });
    ready.next({});
    await fixture.whenStable();
    expect(posts('t1')).toEqual([]);
    expect(sends).toHaveBeenCalledTimes(3);
  });

  it('a send waiting for live updates is never sent once another person has signed in on the tab', async () => {
    const lines$ = await open('t1', 'Call the lab');
    lines$.flush([asked]);
    await fixture.whenStable();
    status.set({ state: 'reconnecting', lastConnectedAt: Date.now() });
    sends.mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' })));
    presses.Enter();
    await fixture.whenStable();

    userChanged.next({});
    status.set({ state: 'connected', lastConnectedAt: Date.now() });
    ready.next({});
    await fixture.whenStable();
    expect(posts('t1')).toEqual([]);
    expect(sends).toHaveBeenCalledTimes(1);
    // The next person's tab reads the thread as theirs, if it is.
    http
      .match((request) => request.method === 'GET' && request.url === messagesOf('t1'))
      .forEach((read) => read.flush([]));
  });

  it('says what a colleague writes in the open conversation in a polite status region; not one’s own, nor another thread’s', async () => {
    const announcer = () => element().querySelector('[data-testid="conversation-announcer"]');
    const lines$ = await open('t1');
    lines$.flush([asked]);
    await fixture.whenStable();
    expect(announcer()?.getAttribute('role')).toBe('status');
    expect(announcer()?.textContent?.trim()).toBe('');

    heard.next({ data: { threadId: 't1', message: { ...asked, id: 'm1', body: 'The lab called back' } } });
    await fixture.whenStable();
    expect(announcer()?.textContent?.trim()).toBe('Ana: The lab called back');
    heard.next({ data: { threadId: 't1', message: { ...POSTED_MESSAGE, id: 'm2', body: 'Thanks' } } });
    heard.next({ data: { threadId: 't2', message: { ...asked, id: 'm3', body: 'Other room' } } });
    await fixture.whenStable();
    expect(announcer()?.textContent?.trim()).toBe('Ana: The lab called back');
  });

  it('Send pressed after the lines failed to load asks for them again: the message goes once shown, or stays if they fail again', async () => {
    const failed = await open('t1', 'Call the lab');
    failed.flush('unavailable', { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();

    presses.Send();
    await fixture.whenStable();
    expect(sendButton().textContent?.trim()).toBe('Sending…');
    http
      .expectOne((request) => request.method === 'GET' && request.url === messagesOf('t1'))
      .flush('unavailable', { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    expect(posts('t1')).toEqual([]);
    expect(sendButton().textContent?.trim()).toBe('Send');
    expect(drafts.of('t1')).toBe('Call the lab');

    presses.Enter();
    await fixture.whenStable();
    http.expectOne((request) => request.method === 'GET' && request.url === messagesOf('t1')).flush([asked]);
    await fixture.whenStable();
    const [post, ...more] = posts('t1');
    expect(more).toEqual([]);
    expect(post?.request.body).toEqual({ body: 'Call the lab' });
    post!.flush(POSTED_MESSAGE);
    await fixture.whenStable();
    expect(lines()).toEqual(['Is the lab called?', 'Call the lab']);
    expect(sendButton().textContent?.trim()).toBe('Send');
    expect(element().querySelector('[data-testid="conversation-error"]')).toBeNull();
  });

  it('another thread opened meanwhile sends nothing, in either; back there the draft waits for Send', async () => {
    await open('t1', 'Call the lab');
    presses.Enter();
    await fixture.whenStable();
    expect(sendButton().textContent?.trim()).toBe('Sending…');

    (await open('t2')).flush([]);
    await fixture.whenStable();
    expect(sendButton().textContent?.trim()).toBe('Send');
    (await open('t1')).flush([asked]);
    await fixture.whenStable();
    expect(lines()).toEqual(['Is the lab called?']);
    expect(element().querySelector('textarea')?.value).toBe('Call the lab');
    expect(sendButton().textContent?.trim()).toBe('Send');
    expect([...posts('t1'), ...posts('t2')]).toEqual([]);
    expect(sends).not.toHaveBeenCalled();
  });
});
