import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  AuthSession,
  ClinicTimePipe,
  ConnectionService,
  describeFailure,
  FailureReasons,
  isPassing,
  liveCollection,
  PageVisibility,
} from '@derm/portal/core';
import { ConfirmActionComponent, LoadingPlaceholderComponent } from '@derm/portal/ui';
import { ChatMessage, ThreadSummary } from '@derm/shared/contracts';
import { distinctUntilChanged, filter, finalize, interval, map, merge, Observable, switchMap, tap } from 'rxjs';
import { MESSAGES_PAGE_SIZE, MessagingApi } from '../data/messaging-api.service';
import { MessageDrafts } from '../data/message-drafts.service';
import { MessageSender } from '../data/message-sender.service';
import { MessagingEvents } from '../data/messaging-events.service';
import { UnreadMessages } from '../data/unread-messages.service';
import { UnsentMessages } from '../data/unsent-messages.service';
import { ThreadsStore } from '../messages/threads.store';
import { mergeMessages, noteText, seenBy, typingLabel } from '../state/conversation-state';
import { NewDivider, placeNew } from '../state/new-divider';
import { participantsBesideSubject } from '../state/thread-people';
import { applyTyping, expireTypists, Typist } from '../state/typing-state';
import { AddParticipantsFormComponent } from './add-participants-form.component';
import { ComposerComponent } from './composer.component';
import { LeftConversation } from './left-conversation';
import { openThreadSummary } from './open-thread-summary';

/** What a refusal of this conversation means to the person. */
const ABOUT_THIS_CONVERSATION: FailureReasons = { 403: 'you are not in this conversation.', 404: 'it does not exist.' };

/** Longer than the server's lapse plus a renewal: only for a `typing: false` lost with the connection. */
const TYPING_FALLBACK_MS = 10_000;

interface OpenThread {
  /** The thread whose messages are loaded; `null` until its first answer. */
  loadedFor: string | null;
  messages: ChatMessage[];
  hasEarlier: boolean;
}
const NOTHING_LOADED: OpenThread = { loadedFor: null, messages: [], hasEarlier: false };

/**
 * The open thread: loaded over REST and re-fetched after a reconnection that lost events, live
 * messages from the user room, typing from the thread room (joined while this is shown), and
 * read as soon as it shows unread messages on screen (not in a background tab). While a thread
 * loads, a placeholder stands in for its messages and a message sent meanwhile waits for them:
 * another thread's messages are never on screen, nor answered, under this one's name. Leaving
 * it, here or in another tab, returns to the list, which says so.
 */
@Component({
  selector: 'derm-conversation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AddParticipantsFormComponent,
    ClinicTimePipe,
    ComposerComponent,
    ConfirmActionComponent,
    LoadingPlaceholderComponent,
    NgTemplateOutlet,
  ],
  templateUrl: './conversation.component.html',
  styleUrl: './conversation.component.css',
})
export class ConversationComponent {
  private readonly api = inject(MessagingApi);
  private readonly sender = inject(MessageSender);
  private readonly events = inject(MessagingEvents);
  private readonly store = inject(ThreadsStore);
  private readonly unread = inject(UnreadMessages);
  private readonly connection = inject(ConnectionService);
  private readonly session = inject(AuthSession);
  private readonly page = inject(PageVisibility);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly drafts = inject(MessageDrafts);
  private readonly unsent = inject(UnsentMessages);
  /** The last message a mark-read was sent for, so that each is sent once. */
  private markedRead: string | null = null;

  readonly threadId = input.required<string>();

  protected readonly myId = computed(() => this.session.user()?.id ?? '');
  /** Its subject, people and read positions, also for a thread older than the list's loaded pages. */
  protected readonly thread = openThreadSummary(this.threadId);
  private readonly threadId$ = toObservable(this.threadId).pipe(
    distinctUntilChanged(),
    tap(() => (this.markedRead = null)),
  );
  private readonly conversation = liveCollection<OpenThread, ChatMessage[], string>({
    initial: NOTHING_LOADED,
    key: this.threadId$,
    load: (threadId) => this.api.messages(threadId),
    // Keep what arrived live meanwhile; a re-sync keeps earlier pages already shown.
    loaded: (state, list, threadId) => ({
      loadedFor: threadId,
      messages: mergeMessages(state.messages, list),
      hasEarlier: state.loadedFor === threadId ? state.hasEarlier : list.length === MESSAGES_PAGE_SIZE,
    }),
  });
  protected readonly messages = computed(() => this.conversation.value().messages);
  /** Sent while the browser was offline: shown below the thread's lines until posted. */
  protected readonly unsentLines = computed(() => this.unsent.of(this.threadId()));
  /** Connected, a line still held had its answer lost, and is sent again shortly (`UnsentMessages`). */
  protected readonly notSentText = computed(() =>
    this.connection.status().state === 'connected'
      ? 'Not sent yet — trying again shortly'
      : 'Not sent — will send when reconnected',
  );
  protected readonly loading = this.conversation.loading;
  /** This thread's messages are on screen: what Send and mark-read act on. */
  protected readonly shown = computed(() => !this.loading() && this.conversation.value().loadedFor === this.threadId());
  protected readonly hasEarlier = computed(() => this.conversation.value().hasEarlier);
  /** The threads with a message on its way: Send waits in those only, not in the one moved to meanwhile. */
  private readonly sendingIn = signal<ReadonlySet<string>>(new Set());
  /**
   * Sent while this thread's lines load (just after opening it with a draft), or after they failed
   * to (which asks for them again): the words, posted once the lines are shown. Another thread, or
   * a failed load, drops them unsent; the draft stays.
   */
  private readonly held = linkedSignal<{ threadId: string; failed: unknown }, string | null>({
    source: () => ({ threadId: this.threadId(), failed: this.conversation.error() }),
    // A load that succeeds clears the failure of an earlier one: that keeps what is held.
    computation: (now, previous) => (!now.failed && previous?.source.threadId === now.threadId ? previous.value : null),
  });
  protected readonly sending = computed(() => this.sendingIn().has(this.threadId()) || this.held() !== null);
  protected readonly leaving = signal(false);
  /** The thread whose earlier messages are on their way: its button waits, so a second click asks nothing more. */
  private readonly earlierLoadingFor = signal<string | null>(null);
  protected readonly loadingEarlier = computed(() => this.earlierLoadingFor() === this.threadId());
  /** A failed load of this thread, or of an action on it; another thread starts without one. */
  protected readonly error = linkedSignal({
    source: () => ({ threadId: this.threadId(), failed: this.conversation.error() }),
    computation: ({ failed }): string | null =>
      failed ? describeFailure(failed, 'load this conversation', ABOUT_THIS_CONVERSATION) : null,
  });
  /**
   * A message whose send found no server (no answer, or its own trouble) while live updates were
   * down: sent again, under its key, at the next `session:ready`, unless the words in the box
   * changed meanwhile; another thread starts without one.
   */
  private readonly sendWhenLive = linkedSignal<string, { threadId: string; body: string } | null>({
    source: this.threadId,
    computation: () => null,
  });
  /** The last message a colleague wrote here since it was opened, for the polite status region. */
  protected readonly lastHeard = linkedSignal<string, string>({ source: this.threadId, computation: () => '' });
  /** Not this person's to read (403) or no such thread (404): there is nothing to write in. */
  protected readonly closedToMe = computed(() => {
    const failed = this.conversation.error();
    return failed instanceof HttpErrorResponse && (failed.status === 403 || failed.status === 404);
  });
  /** "Add people" is open; another thread starts with it closed. */
  protected readonly adding = linkedSignal({ source: this.threadId, computation: () => false });
  protected readonly typists = signal<readonly Typist[]>([]);
  protected readonly typingText = computed(() => typingLabel(this.typists().map((typist) => typist.name)));
  /** Its subject as last shown: still known once the thread has left this person's list. */
  protected readonly shownSubject = linkedSignal<{ threadId: string; subject?: string }, string>({
    source: () => ({ threadId: this.threadId(), subject: this.thread()?.subject }),
    computation: (now, previous) => now.subject ?? (previous?.source.threadId === now.threadId ? previous.value : ''),
  });
  protected readonly peopleBesideSubject = computed(() => {
    const thread = this.thread();
    return thread ? participantsBesideSubject(thread) : '';
  });
  protected readonly noteText = noteText;
  /**
   * Where "New" stands while the thread is open (`placeNew`): among the lines first shown, once the
   * person's read position and unread counts are known (the counts come only once the socket is up,
   * after the lines of a thread opened by a reload), and kept through reloads until another thread opens.
   */
  protected readonly newFrom = linkedSignal<{ threadId: string; shown: boolean; ready: boolean }, NewDivider>({
    source: () => ({
      threadId: this.threadId(),
      shown: this.shown(),
      ready: this.thread() !== undefined && !this.unread.loading(),
    }),
    computation: (now, previous) =>
      untracked(() =>
        placeNew(previous?.source.threadId === now.threadId ? previous.value : undefined, {
          lines: now.shown ? this.messages() : null,
          reading: now.ready
            ? { unread: this.unread.byThread()[now.threadId] ?? 0, readId: this.thread()?.readBy[this.myId()] }
            : null,
          myId: this.myId(),
        }),
      ),
  });
  protected readonly seen = computed(() => {
    const thread = this.thread();
    return thread ? seenBy(this.messages(), thread.participants, thread.readBy, this.myId()) : {};
  });

  constructor() {
    this.threadId$
      .pipe(
        switchMap((threadId) => this.events.threadRoom(threadId)),
        takeUntilDestroyed(),
      )
      .subscribe();
    this.applyLiveMessages();
    this.announceMessages();
    this.closeWhenLeftElsewhere();
    this.sayWhenUnsentRefused();
    this.followTyping(this.threadId$);
    effect(() => this.markReadWhenUnread());
    effect(() => this.sendWhenShown());
    this.connection.ready$.pipe(takeUntilDestroyed()).subscribe(() => this.sendAgainNowLive());
  }

  /**
   * Posted once however often it is retried (see `MessageSender`); the draft stays on a failure,
   * which is said in its own thread only: another one shown meanwhile has nothing to do with it.
   * With the browser offline, it waits as "Not sent" and is posted once the connection is back (`UnsentMessages`).
   */
  protected send(body: string): void {
    const threadId = this.threadId();
    // A reply sent now would land under lines the person has not seen, or another thread's.
    if (!this.shown()) {
      this.held.set(body);
      // Lines that could not be loaded are asked for again, or the words would wait for nothing.
      if (this.conversation.error()) this.conversation.reload();
      return;
    }
    // Only a browser without a network: otherwise REST may well answer while the socket reconnects,
    // and a post that fails says so with the words kept in the draft.
    if (this.connection.status().state === 'offline') {
      this.unsent.hold(threadId, body);
      this.drafts.sent(threadId, body);
      return;
    }
    this.markSending(threadId, true);
    // A new try: how the last one failed no longer stands.
    if (threadId === this.threadId()) this.error.set(null);
    this.sender.send(threadId, body).subscribe({
      next: (message) => {
        this.markSending(threadId, false);
        this.drafts.sent(threadId, body);
        if (threadId === this.threadId()) this.addMessages([message]);
        this.store.messageArrived(threadId, message);
      },
      error: (error: unknown) => {
        this.markSending(threadId, false);
        if (threadId !== this.threadId()) return;
        const failed = describeFailure(error, 'send the message', ABOUT_THIS_CONVERSATION);
        const later = isPassing(error) && this.connection.status().state !== 'connected';
        this.sendWhenLive.set(later ? { threadId, body } : null);
        this.error.set(later ? `${failed} It is sent once live updates are back.` : failed);
      },
    });
  }

  private sendAgainNowLive(): void {
    const waiting = this.sendWhenLive();
    this.sendWhenLive.set(null);
    if (waiting?.threadId !== this.threadId() || this.drafts.of(waiting.threadId).trim() !== waiting.body) return;
    this.send(waiting.body);
  }

  /** Everyone in it hears who joined; this tab has the answer at once, connected or not. */
  protected onParticipantsAdded(thread: ThreadSummary): void {
    this.adding.set(false);
    this.store.added(thread);
  }

  /** Off this person's list at once; everyone who was in it hears who remains. */
  protected leave(): void {
    const threadId = this.threadId();
    this.leaving.set(true);
    this.api.leave(threadId).subscribe({
      next: () => {
        this.leaving.set(false);
        this.store.left(threadId);
        this.backToList();
      },
      error: (error: unknown) => {
        this.leaving.set(false);
        this.error.set(describeFailure(error, 'leave the conversation', ABOUT_THIS_CONVERSATION));
      },
    });
  }

  protected loadEarlier(): void {
    const threadId = this.threadId();
    const [first] = this.messages();
    if (!first || this.loadingEarlier()) return;
    this.earlierLoadingFor.set(threadId);
    const settled = () => this.earlierLoadingFor.update((loading) => (loading === threadId ? null : loading));
    this.api
      .messages(threadId, first.id)
      .pipe(finalize(settled))
      .subscribe({
        next: (older) => {
          if (threadId !== this.threadId()) return;
          this.conversation.apply((state) => ({
            ...state,
            messages: mergeMessages(state.messages, older),
            hasEarlier: older.length === MESSAGES_PAGE_SIZE,
          }));
        },
        error: (error: unknown) => {
          if (threadId !== this.threadId()) return;
          this.error.set(describeFailure(error, 'load earlier messages', ABOUT_THIS_CONVERSATION));
        },
      });
  }

  protected dismissError(): void {
    this.error.set(null);
  }

  /** Messages, and the notes of who joined or left, as they happen. */
  private applyLiveMessages(): void {
    merge(
      this.events.messages$.pipe(map(({ data }) => ({ threadId: data.threadId, lines: [data.message] }))),
      this.events.participantsAdded$.pipe(map(({ data }) => ({ threadId: data.threadId, lines: data.notes }))),
      this.events.participantLeft$.pipe(map(({ data }) => ({ threadId: data.threadId, lines: [data.note] }))),
      this.unsent.posted$.pipe(map(({ threadId, message }) => ({ threadId, lines: [message] }))),
    )
      .pipe(
        filter(({ threadId }) => threadId === this.threadId()),
        takeUntilDestroyed(),
      )
      .subscribe(({ lines }) => this.addMessages(lines));
  }

  /** What a colleague writes in the open conversation is said to screen readers as it arrives. */
  private announceMessages(): void {
    this.events.messages$
      .pipe(
        filter(({ data }) => data.threadId === this.threadId() && data.message.senderId !== this.myId()),
        takeUntilDestroyed(),
      )
      .subscribe(({ data }) => this.lastHeard.set(`${data.message.senderName}: ${data.message.body}`));
  }

  /** Left in another tab: nothing of it reaches this person any more. */
  private closeWhenLeftElsewhere(): void {
    this.events.participantLeft$
      .pipe(
        filter(({ data }) => data.threadId === this.threadId() && data.leftId === this.myId()),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.backToList());
  }

  /** Its words are back in the draft; why they were refused is said in their own thread only. */
  private sayWhenUnsentRefused(): void {
    this.unsent.refused$
      .pipe(
        filter(({ threadId }) => threadId === this.threadId()),
        takeUntilDestroyed(),
      )
      .subscribe(({ error }) => this.error.set(describeFailure(error, 'send the message', ABOUT_THIS_CONVERSATION)));
  }

  private backToList(): void {
    const state: LeftConversation = { leftConversation: this.shownSubject() };
    void this.router.navigate(['..'], { relativeTo: this.route, state });
  }

  private markSending(threadId: string, on: boolean): void {
    this.sendingIn.update((threads) => {
      const next = new Set(threads);
      if (on) next.add(threadId);
      else next.delete(threadId);
      return next;
    });
  }

  private addMessages(messages: readonly ChatMessage[]): void {
    this.conversation.apply((state) => ({ ...state, messages: mergeMessages(state.messages, messages) }));
  }

  private followTyping(threadId$: Observable<string>): void {
    merge(
      this.events.typing$.pipe(
        filter((signal) => signal.threadId === this.threadId()),
        map((signal) => (typists: readonly Typist[]) => applyTyping(typists, signal, Date.now(), TYPING_FALLBACK_MS)),
      ),
      interval(1000).pipe(map(() => (typists: readonly Typist[]) => expireTypists(typists, Date.now()))),
      // Another thread, or a new connection: whoever was typing will say so again.
      merge(threadId$, this.connection.ready$).pipe(map(() => () => [])),
    )
      .pipe(takeUntilDestroyed())
      .subscribe((change) => this.typists.update(change));
  }

  private sendWhenShown(): void {
    const body = this.held();
    if (body === null || !this.shown()) return;
    untracked(() => {
      this.held.set(null);
      this.send(body);
    });
  }

  private markReadWhenUnread(): void {
    const threadId = this.threadId();
    const unread = this.unread.byThread()[threadId] ?? 0;
    const last = this.messages().at(-1);
    if (!this.page.visible() || !this.shown() || !this.thread() || unread === 0 || !last) return;
    if (last.id === this.markedRead) return;
    // "New" is placed from the position before this read moves it.
    if (!this.newFrom().taken) return;
    this.markedRead = last.id;
    // Commands answer with an ack, never a rejection: failures arrive as `ok: false`.
    untracked(
      () =>
        void this.events.markRead(threadId, last.id).then((ack) => {
          if (ack.ok) this.unread.set(ack.unread);
          else this.markedRead = null;
        }),
    );
  }
}
