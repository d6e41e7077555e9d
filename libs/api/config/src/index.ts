export * from './lib/app-config';
export * from './lib/app-config.module';
export { EnvironmentVariables, validateEnvironment } from './lib/environment';
export * from './lib/timers';
export * from './lib/validation-fields';
