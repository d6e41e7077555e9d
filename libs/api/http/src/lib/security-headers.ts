import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const shared: HelmetOptions = {
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** JSON is never rendered: it may load nothing and be framed nowhere. */
const apiHeaders = helmet({
  ...shared,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/**
 * The portal runs only its own bundles (no inline script: the build does not inline critical CSS,
 * whose loader is an `onload` handler). Angular adds component styles as `<style>` elements, hence
 * 'unsafe-inline' for styles only. `connect-src 'self'` covers REST and the same-origin WebSocket
 * (ws: and wss: of the page's host). No upgrade-insecure-requests: TLS ends at the proxy.
 */
const portalHeaders = helmet({
  ...shared,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** Without regard to letter case, as Express routes unless `case sensitive routing` is set. */
const under = (prefixes: readonly string[], url = '/') => {
  const path = url.split('?', 1)[0].toLowerCase();
  return prefixes.some((prefix) => {
    const lower = prefix.toLowerCase();
    return path === lower || path.startsWith(`${lower}/`);
  });
};

/**
 * Security headers on every response, with a policy of its own for the API's paths (`/api`,
 * `/health`). Pages among them (the OpenAPI page, whose Swagger UI loads its own scripts and
 * styles from the same origin) get the portal's page policy. The app routes without regard to
 * case, so `/API/patients` is the API and gets the API's policy.
 */
export function securityHeaders(apiPrefixes: readonly string[], pagePrefixes: readonly string[] = []): Middleware {
  return (request, response, next) => {
    const isApi = under(apiPrefixes, request.url) && !under(pagePrefixes, request.url);
    (isApi ? apiHeaders : portalHeaders)(request, response, next);
  };
}
