import type { IncomingMessage, ServerResponse } from 'node:http';

const UTF8 = new Set(['utf-8', 'utf8']);

/**
 * body-parser's `verify` for JSON: the body must be UTF-8 (RFC 8259), as the portal sends it.
 * body-parser itself takes any `utf-` charset and decodes it, so a UTF-7 body whose quotes and
 * braces exist only once decoded reads differently to the API than to a proxy or a log, and a
 * UTF-16 body of an odd length loses its last byte. Refused with 415, as other charsets are.
 */
export function utf8Only(_request: IncomingMessage, _response: ServerResponse, _body: Buffer, encoding: string): void {
  if (UTF8.has(encoding)) return;
  throw Object.assign(
    new Error(`unsupported charset "${encoding.toUpperCase()}": JSON bodies are read as UTF-8 only`),
    {
      status: 415,
      expose: true,
      type: 'charset.unsupported',
    },
  );
}
