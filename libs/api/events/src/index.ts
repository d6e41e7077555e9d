export * from './lib/tenant-event';
export * from './lib/domain-event';
export * from './lib/domain-events.service';
export * from './lib/domain-events.module';
export * from './lib/on-domain-event.decorator';
