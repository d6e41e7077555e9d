export * from './lib/operations.routes';
