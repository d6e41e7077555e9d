import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '@derm/api/config';

/**
 * First step of a graceful stop: readiness fails from here on, so a load balancer sends no new
 * work, and the connections stay open SHUTDOWN_DRAIN_MS longer for it to notice.
 */
@Injectable()
export class NodeDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private draining = false;

  constructor(
    private readonly config: AppConfig,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    this.logger.log(`Draining${signal ? ` on ${signal}` : ''}: readiness now fails`);
    const delay = this.config.shutdownDrainMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  }

  check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    return this.draining ? indicator.down({ message: 'The node is shutting down' }) : indicator.up();
  }
}
