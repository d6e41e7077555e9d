import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import type { PingableConnection } from '@derm/api/realtime';
import { patientRoomsOf, ViewingSocket } from './charts-viewed';

/** What the check needs of a socket: the charts it views, and its connection. */
export interface ViewerSocket extends ViewingSocket {
  readonly disconnected: boolean;
  readonly conn: unknown;
}

/**
 * Finds a chart viewer gone silent (asleep, network lost) sooner than the heartbeat would. The
 * heartbeat keeps Socket.IO's long defaults, which cost little for every socket and outlast a
 * stalled event loop; "who else has this chart open" cannot wait that long, so each socket viewing
 * a chart, a few per clinic, is pinged every VIEWER_CHECK_EVERY_MS. One that has not answered by
 * the next check is closed as the heartbeat would close it: its viewings end at once, and its
 * session stays recoverable.
 */
@Injectable()
export class SilentViewers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly watched = new Set<ViewerSocket>();
  private readonly unanswered = new WeakSet<PingableConnection>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.check(), this.config.viewerCheckEveryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Checks `socket` for as long as it views a chart. */
  watch(socket: ViewerSocket): void {
    this.watched.add(socket);
  }

  check(): void {
    for (const socket of this.watched) {
      if (socket.disconnected || patientRoomsOf(socket).length === 0) {
        this.watched.delete(socket);
        continue;
      }
      const connection = socket.conn as PingableConnection;
      if (this.unanswered.has(connection)) {
        this.watched.delete(socket);
        connection.close(true);
        continue;
      }
      this.unanswered.add(connection);
      // Any pong answers: this ping's, or the heartbeat's.
      connection.once('heartbeat', () => this.unanswered.delete(connection));
      connection.sendPacket('ping');
    }
  }
}
