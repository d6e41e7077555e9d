import type { Server } from 'node:http';
import type { Socket } from 'node:net';

type Answer = [status: number, reason: string, message: string];

/** Node's own refusals, before any route runs; each gets the API's `{ statusCode, message }` body. */
const ANSWERS: Partial<Record<string, Answer>> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request line and headers are too large (16 KB at most): shorten the query string or the headers',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request did not arrive in time'],
};
const MALFORMED: Answer = [400, 'Bad Request', 'The request is not well-formed HTTP'];

/**
 * Answers what Node's HTTP parser refuses (a query string past its header limit, malformed HTTP)
 * as every other 4xx of the API is answered, with a message, where Node's default has no body.
 * As Node's default, only when no answer to an earlier request of the connection has begun.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason, message] = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ statusCode: status, message });
    const head =
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n`;
    // Closed once written: the rest of what the client sent cannot be read as HTTP.
    socket.end(head + body, () => socket.destroy());
  });
}
