import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PresenceService } from './presence.service';
import { PresenceNode } from './store/presence-node';

/** Renews this node's presence entries on a fixed beat, and sweeps what other nodes left behind. */
@Injectable()
export class PresenceHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PresenceHeartbeat');
  private timer?: NodeJS.Timeout;
  private beating = false;
  private startedAt = 0;

  constructor(
    private readonly presence: PresenceService,
    private readonly node: PresenceNode,
  ) {}

  onApplicationBootstrap(): void {
    // Renewing at once starts the TTL for which this node's sweeps hold back lapses; sweeps
    // begin with the first beat.
    this.startedAt = Date.now();
    void this.once(() => this.presence.renew());
    this.scheduleBeat(this.startedAt);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  /**
   * Beats on a fixed grid from the start, at the first point past `after` and now: a busy event
   * loop delays one beat, not every later one, and beats it missed are not made up in a burst.
   */
  private scheduleBeat(after: number): void {
    const every = this.node.renewEveryMs;
    const periods = Math.floor((Math.max(after, Date.now()) - this.startedAt) / every) + 1;
    const at = this.startedAt + periods * every;
    this.timer = setTimeout(() => {
      void this.once(() => this.presence.renewAndSweep());
      this.scheduleBeat(at);
    }, at - Date.now());
    this.timer.unref();
  }

  /** One at a time: a slow store must not pile up overlapping renewals and sweeps. */
  private async once(work: () => Promise<void>): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      await work();
    } catch (error) {
      this.logger.error('Renewing presence failed', error instanceof Error ? error.stack : error);
    } finally {
      this.beating = false;
    }
  }
}
