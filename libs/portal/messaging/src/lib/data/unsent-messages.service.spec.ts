import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthSession, ConnectionService } from '@derm/portal/core';
import { answerLost, keyOf, serverAnsweredByTest } from '@derm/portal/core/testing';
import { ChatMessage, DomainEvent, IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';
import { Subject } from 'rxjs';
import { MessageDrafts } from './message-drafts.service';
import { MessagingEvents } from './messaging-events.service';
import { POSTED_MESSAGE } from './posted-message.testing';
import { HELD_RETRY_MS, UnsentMessages } from './unsent-messages.service';

const URL = '/api/threads/t1/messages';
const stored = POSTED_MESSAGE;

describe('UnsentMessages', () => {
  let unsent: UnsentMessages;
  let ready: Subject<unknown>;
  const state = signal<'connected' | 'offline'>('offline');
  let userChanged: Subject<unknown>;
  let participantLeft: Subject<DomainEvent<'thread:participant-left'>>;
  let posted: { threadId: string; message: ChatMessage }[];
  let refused: string[];

  beforeEach(() => {
    state.set('offline');
    ready = new Subject();
    userChanged = new Subject();
    participantLeft = new Subject();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: ConnectionService,
          useValue: { ready$: ready, userChanged$: userChanged, status: () => ({ state: state() }) },
        },
        { provide: AuthSession, useValue: { userId: signal('nora') } },
        { provide: MessagingEvents, useValue: { participantLeft$: participantLeft } },
      ],
    });
  });
  // Its HTTP set-up adds to the providers above, then starts the module.
  const server = serverAnsweredByTest();

  beforeEach(() => {
    unsent = TestBed.inject(UnsentMessages);
    posted = [];
    refused = [];
    unsent.posted$.subscribe((post) => posted.push(post));
    unsent.refused$.subscribe(({ threadId }) => refused.push(threadId));
  });

  /** Loses the answer of the post on its way and of both its retries; returns the first post. */
  const loseEveryTry = () => {
    const first = server.http.expectOne(URL);
    answerLost(first);
    jest.advanceTimersByTime(1000);
    answerLost(server.http.expectOne(URL));
    jest.advanceTimersByTime(2000);
    answerLost(server.http.expectOne(URL));
    return first;
  };

  it('sends nothing while not connected, and posts each once, with its key, at the next session:ready', () => {
    unsent.hold('t1', 'Call the lab');
    expect(unsent.of('t1').map((line) => line.body)).toEqual(['Call the lab']);
    server.http.expectNone(URL);

    ready.next({});
    const post = server.http.expectOne(URL);
    expect(post.request.body).toEqual({ body: 'Call the lab' });
    expect(keyOf(post)).toMatch(IDEMPOTENCY_KEY_PATTERN);
    post.flush(stored);
    expect(posted).toEqual([{ threadId: 't1', message: stored }]);
    expect(unsent.of('t1')).toEqual([]);

    ready.next({});
    server.http.expectNone(URL);
  });

  it('posts the lines of a thread in the order they were written', () => {
    unsent.hold('t1', 'First');
    unsent.hold('t1', 'Second');
    ready.next({});
    const first = server.http.expectOne(URL);
    expect(first.request.body).toEqual({ body: 'First' });
    first.flush({ ...stored, body: 'First' });
    const second = server.http.expectOne(URL);
    expect(second.request.body).toEqual({ body: 'Second' });
    second.flush({ ...stored, id: 'm2', body: 'Second' });
    expect(posted.map(({ message }) => message.body)).toEqual(['First', 'Second']);
  });

  it('keeps a line whose answer was lost, and sends it again with the same key at the next connection', () => {
    unsent.hold('t1', 'Call the lab');
    ready.next({});
    const first = loseEveryTry();
    expect(unsent.of('t1')).toHaveLength(1);

    ready.next({});
    const again = server.http.expectOne(URL);
    expect(keyOf(again)).toBe(keyOf(first));
    again.flush(stored);
    expect(posted).toHaveLength(1);
    expect(unsent.of('t1')).toEqual([]);
  });

  it('sends a line whose answer was lost again while connected, with the same key, without waiting for a connection', () => {
    state.set('connected');
    unsent.hold('t1', 'Call the lab');
    ready.next({});
    const first = loseEveryTry();

    jest.advanceTimersByTime(HELD_RETRY_MS);
    const again = server.http.expectOne(URL);
    expect(keyOf(again)).toBe(keyOf(first));
    again.flush(stored);
    expect(posted).toHaveLength(1);
    expect(unsent.of('t1')).toEqual([]);
  });

  it('sends nothing again while the tab is not connected, however long', () => {
    unsent.hold('t1', 'Call the lab');
    jest.advanceTimersByTime(HELD_RETRY_MS * 3);
    server.http.expectNone(URL);
    expect(unsent.of('t1')).toHaveLength(1);
  });

  it('sends nothing once the person signs out or another signs in on this browser', () => {
    unsent.hold('t1', 'Call the lab');
    userChanged.next(null);
    expect(unsent.of('t1')).toEqual([]);
    ready.next({});
    server.http.expectNone(URL);
    // Nor does the retry while connected send the previous person's words under the next one's token.
    state.set('connected');
    jest.advanceTimersByTime(HELD_RETRY_MS * 2);
    server.http.expectNone(URL);
  });

  it('stops a post on its way when the person changes: its retry would carry the next one’s token', () => {
    unsent.hold('t1', 'Call the lab');
    ready.next({});
    answerLost(server.http.expectOne(URL));
    userChanged.next({ id: 'felix' });
    jest.advanceTimersByTime(10_000);
    server.http.expectNone(URL);
    ready.next({});
    server.http.expectNone(URL);
    expect(posted).toEqual([]);
  });

  it('drops the lines of a thread the person left, not those of another person leaving it', () => {
    unsent.hold('t1', 'Call the lab');
    participantLeft.next({ data: { threadId: 't1', leftId: 'felix' } } as DomainEvent<'thread:participant-left'>);
    expect(unsent.of('t1')).toHaveLength(1);
    participantLeft.next({ data: { threadId: 't1', leftId: 'nora' } } as DomainEvent<'thread:participant-left'>);
    expect(unsent.of('t1')).toEqual([]);
  });

  it('gives a refused line back as the draft, says so, and sends the rest', () => {
    unsent.hold('t1', 'Call the lab');
    unsent.hold('t2', 'Lunch?');
    ready.next({});
    server.http.expectOne(URL).flush({ message: 'Only participants' }, { status: 403, statusText: 'Forbidden' });
    expect(refused).toEqual(['t1']);
    expect(TestBed.inject(MessageDrafts).of('t1')).toBe('Call the lab');
    server.http.expectOne('/api/threads/t2/messages').flush({ ...stored, id: 'm2', body: 'Lunch?' });
    expect(unsent.of('t1')).toEqual([]);
    expect(unsent.of('t2')).toEqual([]);
  });
});
