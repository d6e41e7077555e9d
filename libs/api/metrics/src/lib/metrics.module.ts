import { Global, Module } from '@nestjs/common';
import { ClinicActivity } from './activity/clinic-activity.service';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { RealtimeMetrics } from './realtime-metrics.service';

/**
 * The node's Prometheus metrics and their scrape endpoint, `/metrics` (outside `/api`), and the
 * same hooks' per-clinic activity as domain events (`HandshakeRefused`, `ClinicEventPublished`).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [RealtimeMetrics, MetricsTokenGuard, ClinicActivity],
  exports: [RealtimeMetrics],
})
export class MetricsModule {}
