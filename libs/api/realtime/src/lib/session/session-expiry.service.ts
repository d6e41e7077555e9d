import { Injectable } from '@nestjs/common';
import type { RealtimeSocket } from '../realtime-socket';

/** Ends a live connection when its token expires, unless `session:refresh` extended it first. */
@Injectable()
export class SessionExpiry {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  track(socket: RealtimeSocket): void {
    this.untrack(socket);
    const delay = socket.data.tokenExpiresAt * 1000 - Date.now();
    const timer = setTimeout(() => this.expire(socket), Math.max(0, delay));
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  extend(socket: RealtimeSocket, tokenExpiresAt: number): void {
    socket.data.tokenExpiresAt = tokenExpiresAt;
    this.track(socket);
  }

  untrack(socket: RealtimeSocket): void {
    clearTimeout(this.timers.get(socket.id));
    this.timers.delete(socket.id);
  }

  hasExpired(socket: RealtimeSocket): boolean {
    return socket.data.tokenExpiresAt * 1000 <= Date.now();
  }

  /** For a command that arrived after expiry: its error ack goes out first, then the close. */
  expireAfterReply(socket: RealtimeSocket): void {
    setImmediate(() => this.expire(socket));
  }

  private expire(socket: RealtimeSocket): void {
    this.untrack(socket);
    if (!socket.connected) return;
    socket.emit('session:expired', {
      reason: 'TOKEN_EXPIRED',
      expiredAt: new Date(socket.data.tokenExpiresAt * 1000).toISOString(),
    });
    socket.disconnect(true);
  }
}
