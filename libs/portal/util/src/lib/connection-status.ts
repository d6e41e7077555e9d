export type ConnectionState =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  /** The browser says it has no network (`offline` event): no attempts until it is back. */
  | 'offline'
  | 'disconnected'
  | 'unauthorized';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Reconnection attempt in progress, from 1. */
  attempt?: number;
  /** ISO 8601, the last time the socket connected. */
  lastConnectedAt?: string;
  /** Whether the last connection restored the events missed while away. */
  recovered?: boolean;
  /** The server turned the connection away for a reason the person can act on. */
  refused?: 'too-many-connections' | 'too-many-attempts' | 'invalid-handshake';
}
