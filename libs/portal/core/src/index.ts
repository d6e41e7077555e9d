export * from './lib/session/auth-session.service';
export * from './lib/session/auth.interceptor';
export * from './lib/session/auth.guard';
export * from './lib/connection/connection-status';
export * from './lib/connection/realtime-socket';
export * from './lib/connection/connection.service';
