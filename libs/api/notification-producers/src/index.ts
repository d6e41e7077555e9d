export * from './lib/notification-producers.module';
