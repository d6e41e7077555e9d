import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';
import { AppConfig } from '@derm/api/config';
import { TenantBroadcaster } from './broadcast/tenant-broadcaster.service';
import { HandshakeAuthenticator } from './handshake/handshake-authenticator.service';
import { originAllowlist } from './handshake/origin-allowlist';
import type { RealtimeServer } from './realtime-socket';

/** Larger packets close the offending connection only. */
export const MAX_PACKET_BYTES = 64 * 1024;
/** How long a dropped connection can come back and receive what it missed. */
export const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * Creates the one Socket.IO server every gateway shares, configured once: origin allowlist,
 * packet bound, connection-state recovery (middlewares re-run, so a recovered socket is
 * re-authenticated) and the handshake middleware.
 */
export class RealtimeIoAdapter extends IoAdapter {
  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): RealtimeServer {
    const config = this.app.get(AppConfig);
    const server: RealtimeServer = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_PACKET_BYTES,
      cors: { origin: config.corsOrigins },
      allowRequest: originAllowlist(config.corsOrigins),
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
    });
    server.use(this.app.get(HandshakeAuthenticator).middleware);
    this.app.get(TenantBroadcaster).attach(server);
    return server;
  }
}
