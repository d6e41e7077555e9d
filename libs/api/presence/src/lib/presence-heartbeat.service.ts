import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PresenceService } from './presence.service';
import { PresenceNode } from './store/presence-node';

/** Renews this node's presence entries on a fixed beat, and sweeps what other nodes left behind. */
@Injectable()
export class PresenceHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PresenceHeartbeat');
  private timer?: NodeJS.Timeout;
  private beating = false;

  constructor(
    private readonly presence: PresenceService,
    private readonly node: PresenceNode,
  ) {}

  onApplicationBootstrap(): void {
    // Renewing at once starts the TTL for which this node's sweeps hold back lapses; sweeps
    // begin with the first beat.
    void this.once(() => this.presence.renew());
    this.timer = setInterval(() => void this.beat(), this.node.renewEveryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private beat(): Promise<void> {
    return this.once(() => this.presence.renewAndSweep());
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
