import type { IncomingMessage } from 'node:http';

/** What is read of an Express app: the prototype it gives its requests, whose `ip` follows the app's `trust proxy`. */
export interface ExpressRequestSource {
  readonly request: object;
}

/**
 * Reads the client address of a request Express never handles (Engine.IO answers `/socket.io/`
 * itself) as Express's `req.ip` reads it for the REST limits: Express's own getter, on a view of
 * the request with the app's request prototype, so the app's `trust proxy` decides whose
 * X-Forwarded-For to believe, the same way for both.
 */
export function clientAddressReader(app: ExpressRequestSource): (request: IncomingMessage) => string {
  return (request) => {
    const view = Object.create(app.request, {
      headers: { value: request.headers },
      socket: { value: request.socket },
    }) as { ip?: string };
    return view.ip ?? '';
  };
}
