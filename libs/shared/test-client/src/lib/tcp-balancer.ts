import { once } from 'node:events';
import { AddressInfo, createServer, Socket, connect } from 'node:net';

export interface TcpBalancer {
  /** Where clients connect instead of a node. */
  readonly url: string;
  readonly port: number;
  /** Backend ports, tried in this order for every new connection. */
  route(ports: number[]): void;
  /** While on, new connections are refused (clients keep retrying), open ones are untouched. */
  refuse(on: boolean): void;
  /** Drops every open connection at both ends, as a network failure would (no close handshake). */
  cut(): void;
  close(): Promise<void>;
}

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const upstream = connect(port, '127.0.0.1');
    upstream.once('connect', () => resolve(upstream));
    upstream.once('error', reject);
  });
}

/**
 * A minimal TCP load balancer for multi-node suites, standing in for nginx: each new connection
 * goes to the first backend that accepts it, so a client whose node stops reconnects to the next
 * one. Byte-level, hence fine for WebSocket-only clients.
 */
export async function startTcpBalancer(ports: number[]): Promise<TcpBalancer> {
  let backends = [...ports];
  let refusing = false;
  const open = new Set<Socket>();

  const forward = async (client: Socket): Promise<void> => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (refusing) {
      client.destroy();
      return;
    }
    client.pause();
    for (const port of backends) {
      try {
        const upstream = await connectTo(port);
        open.add(upstream);
        upstream.once('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => upstream.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
        return;
      } catch {
        // that backend is down: try the next
      }
    }
    client.destroy();
  };
  // A connection that cannot be forwarded is closed, never left as an unhandled rejection.
  const server = createServer((client) => {
    forward(client).catch(() => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    route: (next) => (backends = [...next]),
    refuse: (on) => (refusing = on),
    cut: () => open.forEach((socket) => socket.resetAndDestroy()),
    close: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      open.forEach((socket) => socket.destroy());
      await closed;
    },
  };
}
