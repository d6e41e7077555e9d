import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { RealtimeMetrics } from './realtime-metrics.service';

/** The node's Prometheus metrics and their scrape endpoint, `/metrics` (outside `/api`). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [RealtimeMetrics, MetricsTokenGuard],
  exports: [RealtimeMetrics],
})
export class MetricsModule {}
