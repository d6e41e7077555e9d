export * from './lib/messaging.routes';
export * from './lib/data/messaging-api.service';
export * from './lib/data/messaging-events.service';
export * from './lib/data/unread-messages.service';
