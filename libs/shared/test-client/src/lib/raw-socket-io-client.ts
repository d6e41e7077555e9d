import { Socket as EngineSocket } from 'engine.io-client';

/** Socket.IO packet types, the first character of each Engine.IO message (socket.io-parser). */
const CONNECT = '0';
const CONNECT_ERROR = '4';

export interface RawConnectResult {
  /** Every Socket.IO packet received, in order, as written on the wire (e.g. `42["message:new",…]`). */
  frames: string[];
  outcome: 'connected' | 'refused';
}

/**
 * Connects to the default namespace with nothing in between, not even socket.io-client, which
 * hides packets that arrive before `connect`: it sends `auth` (which may carry a `pid` and
 * `offset` to ask for recovery) and records every frame until the connection is accepted or
 * refused.
 */
export async function rawConnect(url: string, auth: Record<string, unknown>): Promise<RawConnectResult> {
  const engine = new EngineSocket(url, { path: '/socket.io/', transports: ['websocket'] });
  const frames: string[] = [];
  try {
    const outcome = await new Promise<RawConnectResult['outcome']>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No verdict on the handshake: ${frames.join(' | ')}`)), 5000);
      engine.on('open', () => engine.send(`${CONNECT}${JSON.stringify(auth)}`));
      engine.on('message', (data) => {
        const frame = String(data);
        frames.push(frame);
        if (frame.startsWith(`${CONNECT_ERROR}`)) resolve('refused');
        else if (frame.startsWith(`${CONNECT}`)) resolve('connected');
        else return;
        clearTimeout(timer);
      });
      engine.on('error', (error) => reject(error instanceof Error ? error : new Error(String(error))));
    });
    return { frames, outcome };
  } finally {
    engine.close();
  }
}

/** The Socket.IO event packets among raw frames, as `[name, payload]`. */
export function eventsIn(frames: string[]): [string, unknown][] {
  return frames
    .filter((frame) => frame.startsWith('2'))
    .map((frame) => JSON.parse(frame.slice(1)) as [string, unknown]);
}
