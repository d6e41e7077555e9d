import { once } from 'node:events';
import { AddressInfo, connect, createServer, Socket } from 'node:net';

export interface AnswerDroppingProxy {
  readonly url: string;
  /** While on, what the API answers is dropped: requests still reach it. */
  dropAnswers(on: boolean): void;
  /** Turns dropping on as soon as a request matching `request` has gone through. */
  dropAnswersAfter(request: (chunk: string) => boolean): void;
  /** Ends every open connection at both ends, as a failed network would. */
  cut(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the API (or of Redis) that can lose the answers: the server does the
 * work and commits, the client never hears back. Exactly the moment an idempotency key is for.
 */
export async function startAnswerDroppingProxy(apiPort: number): Promise<AnswerDroppingProxy> {
  let dropping = false;
  let dropAfter: ((chunk: string) => boolean) | undefined;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    const upstream = connect(apiPort, '127.0.0.1');
    track(upstream);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (dropAfter?.(chunk.toString('utf8'))) [dropping, dropAfter] = [true, undefined];
    });
    upstream.on('data', (chunk) => {
      if (!dropping) client.write(chunk);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const cut = () => [...open].forEach((socket) => socket.destroy());
  return {
    url: `http://127.0.0.1:${port}`,
    dropAnswers: (on) => (dropping = on),
    dropAnswersAfter: (request) => (dropAfter = request),
    cut,
    close: async () => {
      cut();
      server.close();
      await once(server, 'close');
    },
  };
}
