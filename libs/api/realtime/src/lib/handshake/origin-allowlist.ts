import type { IncomingMessage } from 'node:http';

/**
 * Engine.IO `allowRequest`: refuses browser handshakes from origins outside CORS_ORIGINS
 * (cross-site WebSocket hijacking). Same-origin pages are always allowed; clients that send no
 * Origin (servers, test suites) are not browsers and still need a token.
 */
export function originAllowlist(allowed: readonly string[]) {
  const origins = new Set(allowed);
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
    const origin = request.headers.origin;
    if (!origin || origins.has(origin)) return callback(null, true);
    let sameOrigin = false;
    try {
      sameOrigin = new URL(origin).host === request.headers.host;
    } catch {
      sameOrigin = false;
    }
    callback(sameOrigin ? null : 'Origin not allowed', sameOrigin);
  };
}
