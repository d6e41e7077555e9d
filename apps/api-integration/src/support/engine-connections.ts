import { request } from 'node:http';
import { Socket as EngineSocket } from 'engine.io-client';

/** What the server answered a request, as the client sees it. */
export interface Answer {
  status: number;
  body: string;
}

/** An Engine.IO polling session's handshake answer: `0{"sid":…}`. */
const OPEN_PACKET = /^0(\{.*\})$/;
/** Engine.IO's close packet, what a client sends to end its session. */
const CLOSE_PACKET = '1';
/** Socket.IO's CONNECT to the default namespace, here without any token. */
const CONNECT_WITHOUT_TOKEN = '0{}';

const engineUrl = (url: string, query: string) => `${url}/socket.io/?EIO=4&${query}`;
const from = (address: string) => ({ 'x-forwarded-for': address });

/**
 * Opens an Engine.IO polling session as a script would, from `address` (X-Forwarded-For, believed
 * under TRUST_PROXY=loopback), and sends nothing more: no Socket.IO CONNECT, no token.
 */
export async function pollingHandshake(url: string, address: string): Promise<Answer & { sid?: string }> {
  const response = await fetch(engineUrl(url, 'transport=polling'), { headers: from(address) });
  const body = await response.text();
  const open = OPEN_PACKET.exec(body);
  return { status: response.status, body, sid: open ? (JSON.parse(open[1]) as { sid: string }).sid : undefined };
}

/** Ends a polling session as its client would, with a close packet. */
export async function closePolling(url: string, sid: string, address: string): Promise<void> {
  const response = await fetch(engineUrl(url, `transport=polling&sid=${sid}`), {
    method: 'POST',
    headers: { ...from(address), 'content-type': 'text/plain;charset=UTF-8' },
    body: CLOSE_PACKET,
  });
  if (response.status !== 200) throw new Error(`Closing the polling session answered ${response.status}`);
}

/**
 * What the server answers a poll of a session it no longer has: at once, unlike a live session,
 * whose poll waits for something to send.
 */
export async function pollClosedSession(url: string, sid: string, address: string): Promise<Answer> {
  const response = await fetch(engineUrl(url, `transport=polling&sid=${sid}`), { headers: from(address) });
  return { status: response.status, body: await response.text() };
}

/**
 * Opens an Engine.IO WebSocket connection from `address`; with `connect`, it also sends a
 * Socket.IO CONNECT without a token, which the server refuses (the connection stays open).
 * Resolves with the open connection, or rejects if the server refused the upgrade.
 */
export function websocketConnection(url: string, address: string, { connect = false } = {}): Promise<EngineSocket> {
  const engine = new EngineSocket(url, { path: '/socket.io/', transports: ['websocket'], extraHeaders: from(address) });
  return new Promise((resolve, reject) => {
    engine.on('open', () => {
      if (!connect) return resolve(engine);
      engine.on('message', (data) => {
        // The refusal of the CONNECT: CONNECT_ERROR, `44{…}`.
        if (String(data).startsWith('4')) resolve(engine);
      });
      engine.send(CONNECT_WITHOUT_TOKEN);
    });
    engine.on('error', (error) => {
      engine.close();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

/** Resolves once an open WebSocket connection has closed. */
export function closeWebsocket(engine: EngineSocket): Promise<void> {
  return new Promise((resolve) => {
    engine.once('close', () => resolve());
    engine.close();
  });
}

/** Asks for a WebSocket upgrade from `address` and returns the answer when the server refuses it. */
export function refusedUpgrade(url: string, address: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const asked = request(engineUrl(url, 'transport=websocket'), {
      headers: {
        ...from(address),
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('pending-connections').toString('base64'),
      },
    });
    asked.on('upgrade', (_response, socket) => {
      socket.destroy();
      reject(new Error('The upgrade was accepted'));
    });
    asked.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    asked.on('error', reject);
    asked.end();
  });
}
