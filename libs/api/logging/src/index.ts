export * from './lib/logging.module';
export * from './lib/log-redaction';
export * from './lib/socket-log';
export * from './lib/left-out-request-log';
