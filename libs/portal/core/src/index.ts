export * from './lib/session/auth-session.service';
export * from './lib/session/auth.interceptor';
export * from './lib/session/auth.guard';
export type { ConnectionState, ConnectionStatus } from '@derm/portal/util';
export * from './lib/connection/realtime-socket';
export * from './lib/connection/connection.service';
export * from './lib/page/page-visibility.service';
export * from './lib/http/all-pages.service';
