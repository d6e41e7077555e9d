export * from './lib/metrics.module';
export * from './lib/realtime-metrics.service';
export * from './lib/socket-observers';
export { ORIGIN_NOT_ALLOWED, TOO_MANY_PENDING_CONNECTIONS, type RequestRefusal } from './lib/labels';
export * from './lib/activity/handshake-refused.event';
export * from './lib/activity/clinic-event-published.event';
