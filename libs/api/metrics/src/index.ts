export * from './lib/metrics.module';
export * from './lib/realtime-metrics.service';
export * from './lib/socket-observers';
export * from './lib/activity/handshake-refused.event';
export * from './lib/activity/clinic-event-published.event';
