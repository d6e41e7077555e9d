import { HttpTestingController } from '@angular/common/http/testing';
import { createEnvironmentInjector, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LoginResponse } from '@derm/shared/contracts';
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import { FakeRealtimeSocket } from '../../testing/fake-realtime-socket';
import { connect, loginResponse, setUpPortalCore, signIn, storeSession } from '../../testing/portal-testing';
import { ConnectionService } from '../connection/connection.service';
import { AuthSession } from '../session/auth-session.service';
import { LiveCollection, liveCollection, LiveRefetch } from './live-collection';

/** Each load's answer, given by the test when it chooses. */
class Loads<R> {
  readonly pending: { key: string; answer: Subject<R> }[] = [];

  readonly load = (key = ''): Observable<R> => {
    const answer = new Subject<R>();
    this.pending.push({ key, answer });
    return answer;
  };

  get count(): number {
    return this.pending.length;
  }

  answer(index: number, result: R): void {
    this.pending[index]!.answer.next(result);
    this.pending[index]!.answer.complete();
  }

  fail(index: number, error: unknown): void {
    this.pending[index]!.answer.error(error);
  }
}

const add =
  (item: string) =>
  (list: string[]): string[] =>
    list.includes(item) ? list : [...list, item];

describe('liveCollection', () => {
  let sockets: FakeRealtimeSocket[];
  let log: string[];
  let loads: Loads<string[]>;
  let items: LiveCollection<string[]> | undefined;

  beforeEach(() => {
    sessionStorage.clear();
    ({ sockets, log } = setUpPortalCore(() =>
      log.push(`state when the next socket opens: [${items?.value().join(',')}]`),
    ));
    loads = new Loads<string[]>();
    items = undefined;
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  function signedIn(id = 'nurse'): LoginResponse {
    const session = loginResponse(id);
    storeSession(session);
    return session;
  }

  function collection(refetch?: LiveRefetch, injector = TestBed.inject(EnvironmentInjector)): LiveCollection<string[]> {
    items = injector.runInContext(() =>
      liveCollection<string[], string[]>({ initial: [], load: () => loads.load(), loaded: (_, list) => list, refetch }),
    );
    return items;
  }

  it('loads at once and shows the answer', () => {
    signedIn();
    const list = collection();
    expect(loads.count).toBe(1);
    expect(list.loading()).toBe(true);
    loads.answer(0, ['a', 'b']);
    expect(list.value()).toEqual(['a', 'b']);
    expect(list.loading()).toBe(false);
  });

  it('applies a change heard during a load at once, and again onto the load’s answer', () => {
    signedIn();
    const list = collection();
    list.apply(add('heard'));
    expect(list.value()).toEqual(['heard']);
    loads.answer(0, ['a']);
    expect(list.value()).toEqual(['a', 'heard']);

    list.apply(add('later'));
    expect(list.value()).toEqual(['a', 'heard', 'later']);
  });

  it('does not replay a change heard before the load that answers started', () => {
    signedIn();
    const list = collection();
    loads.answer(0, ['a']);
    list.apply(add('before'));
    list.reload();
    loads.answer(1, ['a']);
    expect(list.value()).toEqual(['a']);
  });

  describe('refetching when events were missed (REST data, enveloped events)', () => {
    it('loads again at the first session:ready when it loaded before the socket was live', () => {
      const session = signedIn();
      collection();
      loads.answer(0, ['a']);
      connect(sockets[0]!, session);
      expect(loads.count).toBe(2);
    });

    it('keeps what it shows while it catches up at the first connection, and not at a re-sync', () => {
      const session = signedIn();
      const list = collection();
      loads.answer(0, ['a']);

      const socket = sockets[0]!;
      connect(socket, session);
      expect(loads.count).toBe(2);
      expect(list.loading()).toBe(false);
      expect(list.value()).toEqual(['a']);
      list.apply(add('b'));
      loads.answer(1, ['a']);
      expect(list.value()).toEqual(['a', 'b']);
      expect(list.loading()).toBe(false);

      // After a lost connection what is shown may be stale: it loads as a load does.
      socket.drops();
      connect(socket, session, false);
      expect(loads.count).toBe(3);
      expect(list.loading()).toBe(true);
    });

    it('is loading again at a reconnection after a load made while the connection was lost', () => {
      const session = signedIn();
      TestBed.inject(ConnectionService);
      const socket = sockets[0]!;
      connect(socket, session);
      const list = collection();
      loads.answer(0, ['a']);
      socket.drops();
      list.reload();
      loads.answer(1, ['a']);

      connect(socket, session, true);
      expect(loads.count).toBe(3);
      expect(list.loading()).toBe(true);
    });

    it('is loading until the first answer when the socket is live before it', () => {
      const session = signedIn();
      const list = collection();
      connect(sockets[0]!, session);
      expect(loads.count).toBe(2);
      expect(list.loading()).toBe(true);
      loads.answer(1, ['a']);
      expect(list.loading()).toBe(false);
    });

    it('does not load again for a recovered reconnection, and once for one that lost events', () => {
      const session = signedIn();
      TestBed.inject(ConnectionService);
      const socket = sockets[0]!;
      connect(socket, session);
      const list = collection();
      expect(loads.count).toBe(1);
      loads.answer(0, ['a']);

      socket.drops();
      connect(socket, session, true);
      expect(loads.count).toBe(1);

      socket.drops();
      connect(socket, session, false);
      expect(loads.count).toBe(2);
      loads.answer(1, ['a', 'b']);
      expect(list.value()).toEqual(['a', 'b']);
    });

    it('loads once, not twice, at a session:ready that is both the first live one and a re-sync', () => {
      const session = signedIn();
      TestBed.inject(ConnectionService);
      const socket = sockets[0]!;
      connect(socket, session);
      const list = collection();
      loads.answer(0, ['a']);
      socket.drops();
      list.reload();
      expect(loads.count).toBe(2);
      connect(socket, session, false);
      expect(loads.count).toBe(3);
    });
  });

  describe('refetching on every connection (signals not replayed, commands)', () => {
    it('waits for the connection, then loads at every session:ready', () => {
      const session = signedIn();
      const list = collection('on-every-connection');
      expect(loads.count).toBe(0);
      // Nothing known yet: loading, not empty.
      expect(list.loading()).toBe(true);

      const socket = sockets[0]!;
      connect(socket, session);
      expect(loads.count).toBe(1);
      socket.drops();
      connect(socket, session, true);
      expect(loads.count).toBe(2);
    });

    it('does not load while disconnected when asked to reload', () => {
      const session = signedIn();
      const list = collection('on-every-connection');
      connect(sockets[0]!, session);
      sockets[0]!.drops();
      list.reload();
      expect(loads.count).toBe(1);
    });
  });

  describe('a change of user', () => {
    it('empties it before the next person’s socket opens, and loads at their first session:ready', () => {
      const nurse = signedIn();
      const list = collection('on-every-connection');
      connect(sockets[0]!, nurse);
      loads.answer(0, ['riverside-colleague']);
      list.apply(add('riverside-visitor'));
      expect(list.value()).toEqual(['riverside-colleague', 'riverside-visitor']);

      // Straight from one person to the next: the switch itself must empty it.
      const next = loginResponse('frontdesk', 'lakeside');
      signIn(next);
      expect(log.slice(-2)).toEqual(['state when the next socket opens: []', 'socket 2 made']);
      expect(list.value()).toEqual([]);
      // The next person's list is not known yet: loading, not an empty list.
      expect(list.loading()).toBe(true);
      expect(loads.count).toBe(1);

      connect(sockets[1]!, next);
      expect(loads.count).toBe(2);
      loads.answer(1, ['lakeside-colleague']);
      expect(list.value()).toEqual(['lakeside-colleague']);
      expect(list.loading()).toBe(false);
    });

    it('drops an answer and the changes asked for or heard for the previous person', () => {
      const nurse = signedIn();
      const list = collection();
      connect(sockets[0]!, nurse);
      list.apply(add('riverside-visitor'));
      const forNurse = list.forCurrentUser();

      TestBed.inject(AuthSession).logout('expired');
      const next = loginResponse('frontdesk', 'lakeside');
      signIn(next);
      connect(sockets[1]!, next);
      const lastLoad = loads.count - 1;
      loads.pending.slice(0, lastLoad).forEach((load) => load.answer.next(['riverside-patient']));
      expect(list.value()).toEqual([]);
      expect(forNurse()).toBe(false);
      expect(list.forCurrentUser()()).toBe(true);

      loads.answer(lastLoad, ['lakeside-patient']);
      expect(list.value()).toEqual(['lakeside-patient']);
    });

    it('forgets a failure of the previous person', () => {
      const nurse = signedIn();
      const list = collection();
      connect(sockets[0]!, nurse);
      loads.fail(loads.count - 1, new Error('Server unavailable'));
      expect(list.error()).toBeInstanceOf(Error);
      TestBed.inject(AuthSession).logout('expired');
      expect(list.error()).toBeNull();
    });
  });

  it('keeps what it shows when a load fails, says why, and clears the failure with the next answer', () => {
    signedIn();
    const list = collection();
    loads.answer(0, ['a']);
    list.reload();
    const failure = new Error('Server unavailable');
    loads.fail(1, failure);
    expect(list.value()).toEqual(['a']);
    expect(list.error()).toBe(failure);
    expect(list.loading()).toBe(false);

    list.reload();
    loads.answer(2, ['a', 'b']);
    expect(list.error()).toBeNull();
  });

  it('keeps what it shows when a load ends without an answer (nothing to say yet)', () => {
    signedIn();
    const list = collection();
    loads.answer(0, ['a']);
    list.reload();
    list.apply(add('heard'));
    loads.pending[1]!.answer.complete();
    expect(list.loading()).toBe(false);
    expect(list.error()).toBeNull();
    expect(list.value()).toEqual(['a', 'heard']);
  });

  it('starts again from the initial state for each key, dropping the previous key’s answer', () => {
    signedIn();
    const day = new BehaviorSubject('2030-01-01');
    const schedule = TestBed.inject(EnvironmentInjector).runInContext(() =>
      liveCollection<string[], string[], string>({
        initial: [],
        key: day,
        load: (key) => loads.load(key),
        loaded: (_, list) => list,
      }),
    );
    loads.answer(0, ['monday-visit']);
    day.next('2030-01-02');
    expect(schedule.value()).toEqual([]);
    expect(loads.pending.map((load) => load.key)).toEqual(['2030-01-01', '2030-01-02']);

    day.next('2030-01-03');
    loads.answer(1, ['tuesday-visit']);
    expect(schedule.value()).toEqual([]);
    loads.answer(2, ['wednesday-visit']);
    expect(schedule.value()).toEqual(['wednesday-visit']);
  });

  it('stops listening when its owner is destroyed', () => {
    const session = signedIn();
    const owner = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const list = collection('on-every-connection', owner);
    owner.destroy();
    connect(sockets[0]!, session);
    expect(loads.count).toBe(0);
    expect(list.value()).toEqual([]);
  });
});
