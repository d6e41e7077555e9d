import { Injectable } from '@nestjs/common';
import { MAX_TIMER_MS } from '@derm/api/config';
import type { SessionExpired } from '@derm/shared/contracts';
import { thisSocketOnly, type RealtimeSocket } from '../realtime-socket';

/**
 * Ends a live connection when its token expires, unless `session:refresh` extended it first, or
 * at once when its session is revoked.
 */
@Injectable()
export class SessionExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  track(socket: RealtimeSocket): void {
    this.untrack(socket);
    // A refresh answered after the socket closed would otherwise leave a timer behind.
    if (!socket.connected) return;
    // A token living longer than one timer can wait (JWT_TTL of a month) is waited for in steps.
    const delay = Math.min(Math.max(0, socket.data.tokenExpiresAt * 1000 - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(
      () => (this.hasExpired(socket) ? this.end(socket, 'TOKEN_EXPIRED') : this.track(socket)),
      delay,
    );
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  /**
   * Returns the connection's expiry, in seconds: an earlier token of the same session, handed over
   * after a newer one (answers that crossed), never brings it forward.
   */
  extend(socket: RealtimeSocket, tokenExpiresAt: number): number {
    socket.data.tokenExpiresAt = Math.max(socket.data.tokenExpiresAt, tokenExpiresAt);
    this.track(socket);
    return socket.data.tokenExpiresAt;
  }

  untrack(socket: RealtimeSocket): void {
    clearTimeout(this.timers.get(socket.id));
    this.timers.delete(socket.id);
  }

  hasExpired(socket: RealtimeSocket): boolean {
    return socket.data.tokenExpiresAt * 1000 <= Date.now();
  }

  /** For a command that arrived after the end: its error ack goes out first, then the close. */
  endAfterReply(socket: RealtimeSocket, reason: SessionExpired['reason']): void {
    setImmediate(() => this.end(socket, reason));
  }

  /** Tells the client why, then closes the connection; the client does not retry by itself. */
  end(socket: RealtimeSocket, reason: SessionExpired['reason']): void {
    this.untrack(socket);
    if (!socket.connected) return;
    const expiredAt = reason === 'TOKEN_EXPIRED' ? new Date(socket.data.tokenExpiresAt * 1000) : new Date();
    // Written at once, before the socket closes below.
    thisSocketOnly(socket.nsp, socket.id).emit('session:expired', { reason, expiredAt: expiredAt.toISOString() });
    socket.disconnect(true);
  }
}
