export * from './lib/metrics.module';
export * from './lib/realtime-metrics.service';
export * from './lib/socket-observers';
