import type { RealtimeSocket } from '@derm/api/realtime';

/** What the audit keeps of the connection a chart was opened in, beside the socket id that closes it. */
export interface AuditedConnection {
  /** The sign-in (the token's `sid`) the socket belongs to. */
  signInSessionId: string;
  userAgent?: string;
}

export const auditedConnection = (socket: RealtimeSocket): AuditedConnection => ({
  signInSessionId: socket.data.sessionId,
  userAgent: socket.handshake.headers['user-agent'],
});
