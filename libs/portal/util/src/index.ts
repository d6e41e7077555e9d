export * from './lib/connection-status';
export * from './lib/role-labels';
export * from './lib/time-formats';
