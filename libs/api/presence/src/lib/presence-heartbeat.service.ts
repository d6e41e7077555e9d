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
    // The first beat at once: a node's sweeps hold back lapses until it has renewed for a TTL.
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.node.renewEveryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One beat at a time: a slow store must not pile up overlapping sweeps. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      await this.presence.renewAndSweep();
    } catch (error) {
      this.logger.error('Renewing presence failed', error instanceof Error ? error.stack : error);
    } finally {
      this.beating = false;
    }
  }
}
