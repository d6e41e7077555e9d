export * from './lib/connection-status';
