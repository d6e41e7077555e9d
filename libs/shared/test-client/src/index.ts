export { freePort } from './lib/child-processes';
export * from './lib/api-server';
export * from './lib/test-database';
export * from './lib/rest-client';
export * from './lib/realtime-test-client';
export * from './lib/redis-server';
export * from './lib/tcp-balancer';
export * from './lib/raw-socket-io-client';
export * from './lib/eventually';
