export * from './lib/body-limits';
export * from './lib/json-depth.pipe';
export * from './lib/no-store';
export * from './lib/omittable';
export * from './lib/refused-body.handler';
export * from './lib/security-headers';
export * from './lib/trim';
