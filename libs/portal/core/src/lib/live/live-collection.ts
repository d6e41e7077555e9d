import { DestroyRef, inject, Signal, signal, WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SessionReady } from '@derm/shared/contracts';
import { catchError, defer, EMPTY, finalize, map, Observable, of, Subject, switchMap } from 'rxjs';
import { ConnectionService } from '../connection/connection.service';

/** When a collection loads again after its first load, besides a new key and `reload()`. */
export type LiveRefetch =
  /**
   * After a reconnection that did not recover the missed events (`resync$`), and at the first
   * `session:ready` if it last loaded while no socket was live. For REST data kept current by
   * enveloped events, which connection-state recovery replays.
   */
  | 'when-events-were-missed'
  /**
   * Only while connected, and at every `session:ready`: for data whose changes the server does not
   * replay (presence signals, counts), or that is asked for over the socket.
   */
  | 'on-every-connection';

/**
 * A change heard live: applied at once, and again onto the answer of a load that was on its way
 * (which `loaded` may merge with the state that already has it), so applying it twice must do no more than once.
 */
export type LiveChange<T> = (state: T) => T;

interface CommonOptions<T> {
  /** The state before the first load, for a new key, and after the user changes. */
  initial: T;
  /** Defaults to `'when-events-were-missed'`. */
  refetch?: LiveRefetch;
}

export interface LiveCollectionOptions<T, R> extends CommonOptions<T> {
  load: () => Observable<R>;
  /** The state once a load answers, from the state at that moment. */
  loaded: (state: T, result: R) => T;
}

export interface KeyedLiveCollectionOptions<T, R, K> extends CommonOptions<T> {
  /** What to show (a day, a thread): each key starts again from `initial` and loads. */
  key: Observable<K>;
  load: (key: K) => Observable<R>;
  loaded: (state: T, result: R, key: K) => T;
}

/**
 * State loaded over REST (or a command) and kept current by live changes: the one way the portal's
 * stores stay correct across loads, reconnections and a change of user.
 */
export interface LiveCollection<T> {
  readonly value: Signal<T>;
  /**
   * Nothing is known yet for this person and key (such as before the first connection of a
   * collection that loads only while connected), or a load is on its way; not the catch-up at the
   * person's first connection of a view answered before it, which keeps what is shown.
   */
  readonly loading: Signal<boolean>;
  /** Why the last load failed; null once one succeeds, and for a new key or user. */
  readonly error: Signal<unknown>;
  apply(change: LiveChange<T>): void;
  /** Loads again now (e.g. a change mentions something the state does not have). */
  reload(): void;
  /** A check that stays true until the user changes: for an answer to something asked now. */
  forCurrentUser(): () => boolean;
}

/**
 * A live collection owned by the current injection context (a root service, or a component and
 * its providers): it stops listening when that context is destroyed. On `userChanged$` it
 * synchronously drops its state, the changes it holds and any load on its way, and loads again at
 * the next person's first `session:ready`.
 */
export function liveCollection<T, R>(options: LiveCollectionOptions<T, R>): LiveCollection<T>;
export function liveCollection<T, R, K>(options: KeyedLiveCollectionOptions<T, R, K>): LiveCollection<T>;
export function liveCollection<T, R, K>(
  options: LiveCollectionOptions<T, R> | KeyedLiveCollectionOptions<T, R, K>,
): LiveCollection<T> {
  return 'key' in options ? new LiveCollectionRef(options) : new LiveCollectionRef({ ...options, key: of(undefined) });
}

class LiveCollectionRef<T, R, K> implements LiveCollection<T> {
  private readonly connection = inject(ConnectionService);
  private readonly refetch: LiveRefetch;
  private readonly state: WritableSignal<T>;
  private readonly loadingState: WritableSignal<boolean>;
  private readonly errorState = signal<unknown>(null);
  /** A key to load (`quiet`: keeping what is shown, see `catchUp`), or null to drop the load on its way. */
  private readonly requests = new Subject<{ key: K; quiet: boolean } | null>();
  private current: { key: K } | null = null;
  private heardDuringLoad: LiveChange<T>[] | null = null;
  /** The next `session:ready` loads: the last load ran while no socket was live, or the user changed. */
  private loadWhenLive = false;
  /** An answer is shown for this person and key. */
  private answeredForKey = false;
  /** The last load ran before this person's socket had ever been live. */
  private loadedBeforeFirstConnection = false;
  /** The `session:ready` that already loaded, so that its `resync$` does not load twice. */
  private loadedOn: SessionReady | null = null;
  private userGeneration = 0;

  readonly value: Signal<T>;
  readonly loading: Signal<boolean>;
  readonly error = this.errorState.asReadonly();

  constructor(private readonly options: KeyedLiveCollectionOptions<T, R, K>) {
    const destroyRef = inject(DestroyRef);
    this.refetch = options.refetch ?? 'when-events-were-missed';
    this.state = signal(options.initial);
    // Nothing is known before the first answer: "loading" rather than empty until then.
    this.loadingState = signal(true);
    this.loading = this.loadingState.asReadonly();
    this.value = this.state.asReadonly();

    this.requests
      .pipe(
        switchMap((request) => (request ? this.fetch(request.key, request.quiet) : EMPTY)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((answer) => this.answered(answer.result, answer.key));

    options.key.pipe(takeUntilDestroyed(destroyRef)).subscribe((key) => {
      this.clear();
      this.current = { key };
      this.load();
    });
    this.connection.ready$.pipe(takeUntilDestroyed(destroyRef)).subscribe((ready) => {
      if (this.refetch === 'on-every-connection' || this.loadWhenLive) {
        this.loadedOn = ready;
        this.load(this.catchUp());
      }
    });
    this.connection.resync$.pipe(takeUntilDestroyed(destroyRef)).subscribe((ready) => {
      if (ready !== this.loadedOn) this.load();
    });
    this.connection.userChanged$.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      this.userGeneration += 1;
      this.clear();
      this.loadWhenLive = true;
      this.loadedOn = null;
    });
  }

  apply(change: LiveChange<T>): void {
    this.heardDuringLoad?.push(change);
    this.state.update(change);
  }

  reload(): void {
    this.load();
  }

  forCurrentUser(): () => boolean {
    const generation = this.userGeneration;
    return () => generation === this.userGeneration;
  }

  private load(quiet = false): void {
    if (!this.current) return;
    const { state, lastConnectedAt } = this.connection.status();
    const live = state === 'connected';
    this.loadWhenLive = !live;
    this.loadedBeforeFirstConnection = !live && lastConnectedAt === undefined;
    if (live || this.refetch === 'when-events-were-missed') this.requests.next({ ...this.current, quiet });
  }

  /**
   * The load at the first connection of a view answered before the person's socket was ever live
   * (a page opened by a reload or a sign-in): it only catches up with what may have happened in
   * the moment between, so what is shown stays (no second placeholder). Not after a lost
   * connection: what is shown may be stale by then.
   */
  private catchUp(): boolean {
    return this.refetch === 'when-events-were-missed' && this.loadedBeforeFirstConnection && this.answeredForKey;
  }

  private fetch(key: K, quiet: boolean): Observable<{ result: R; key: K }> {
    return defer(() => {
      // A load that replaces another starts listening afresh: the newer answer has what the older missed.
      this.heardDuringLoad = [];
      if (!quiet) this.loadingState.set(true);
      return this.options.load(key);
    }).pipe(
      map((result) => ({ result, key })),
      catchError((error: unknown) => {
        this.errorState.set(error);
        return EMPTY;
      }),
      // Answered, failed, replaced, dropped, or over without an answer (nothing to show yet).
      finalize(() => {
        this.heardDuringLoad = null;
        this.loadingState.set(false);
      }),
    );
  }

  private answered(result: R, key: K): void {
    const heard = this.heardDuringLoad ?? [];
    this.heardDuringLoad = null;
    const loaded = this.options.loaded(this.state(), result, key);
    this.state.set(heard.reduce((state, change) => change(state), loaded));
    this.loadingState.set(false);
    this.answeredForKey = true;
    this.errorState.set(null);
  }

  /** Back to the initial state, with no load on its way, no change held, and nothing known yet. */
  private clear(): void {
    this.requests.next(null);
    this.heardDuringLoad = null;
    this.answeredForKey = false;
    this.state.set(this.options.initial);
    this.loadingState.set(true);
    this.errorState.set(null);
  }
}
