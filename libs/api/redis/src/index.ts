export * from './lib/redis.module';
export * from './lib/redis-client';
export * from './lib/cluster-node';
export * from './lib/redis-script';
export * from './lib/rate-limiters';
export * from './lib/budget';
