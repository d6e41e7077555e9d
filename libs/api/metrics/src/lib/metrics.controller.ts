import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Public } from '@derm/api/auth';
import { MetricsTokenGuard } from './metrics-token.guard';
import { RealtimeMetrics } from './realtime-metrics.service';

/** Prometheus scrape endpoint: counts and timings only, no clinic data, so no staff sign-in. */
@Public()
@UseGuards(MetricsTokenGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: RealtimeMetrics) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
