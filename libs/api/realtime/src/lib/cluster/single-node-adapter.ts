import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

/**
 * The in-memory adapter of a node without Redis, keeping for connection-state recovery what the
 * cluster's stream keeps: every broadcast but those flagged `local`, which are a connection's own
 * packets (`thisSocketOnly`: its `session:ready`, its greeting), sent anew on every connection.
 * Socket.IO's own adapter kept each of them for the two-minute window and scanned them again on
 * every recovery.
 */
export class SingleNodeAdapter extends SessionAwareAdapter {
  override broadcast(packet: Parameters<Adapter['broadcast']>[0], opts: BroadcastOptions): void {
    if (opts.flags?.local) {
      Adapter.prototype.broadcast.call(this, packet, opts);
      return;
    }
    super.broadcast(packet, opts);
  }
}
