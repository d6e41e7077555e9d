import type { IncomingMessage, ServerResponse } from 'node:http';

/** API answers carry patient data: no browser or proxy may keep a copy. */
export function noStore(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
