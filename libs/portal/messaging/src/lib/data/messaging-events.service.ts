import { inject, Injectable } from '@angular/core';
import { CommandOutcome, ConnectionService } from '@derm/portal/core';
import { MarkMessageReadResult, ThreadRef } from '@derm/shared/contracts';
import { Observable } from 'rxjs';

/** The messaging streams and commands of the real-time connection, typed from the contract. */
@Injectable({ providedIn: 'root' })
export class MessagingEvents {
  private readonly connection = inject(ConnectionService);

  /** Every new message of every thread the user is in (their user room: any page, any tab). */
  readonly messages$ = this.connection.on('message:new');
  readonly reads$ = this.connection.on('message:read');
  readonly unreadCounts$ = this.connection.on('message:unread-count');
  /** A thread the user is in was started (by a colleague, or by the user in another tab). */
  readonly threadsCreated$ = this.connection.on('thread:created');
  /** Colleagues joined a thread the user is in (or the user was added to one). */
  readonly participantsAdded$ = this.connection.on('thread:participants-added');
  /** Someone left a thread the user is in (or the user left one, in another tab). */
  readonly participantLeft$ = this.connection.on('thread:participant-left');
  /** Typing in the thread rooms this socket has joined. */
  readonly typing$ = this.connection.on('typing');

  /**
   * Membership of a thread's room (for typing) while subscribed: joins now and again after every
   * reconnection (a connection that was not recovered has lost its rooms), leaves on unsubscribe.
   */
  threadRoom(threadId: string): Observable<CommandOutcome> {
    return new Observable<CommandOutcome>((subscriber) => {
      const ref: ThreadRef = { threadId };
      const join = () => void this.connection.emit('thread:join', ref).then((ack) => subscriber.next(ack));
      if (this.connection.status().state === 'connected') join();
      const rejoins = this.connection.ready$.subscribe(join);
      return () => {
        rejoins.unsubscribe();
        void this.connection.emit('thread:leave', ref);
      };
    });
  }

  startTyping(threadId: string): void {
    void this.connection.emit('typing:start', { threadId });
  }

  stopTyping(threadId: string): void {
    void this.connection.emit('typing:stop', { threadId });
  }

  markRead(threadId: string, messageId: string): Promise<CommandOutcome<MarkMessageReadResult>> {
    return this.connection.emit('message:mark-read', { threadId, messageId });
  }
}
