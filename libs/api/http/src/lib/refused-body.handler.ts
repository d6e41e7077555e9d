import type { IncomingMessage, ServerResponse } from 'node:http';

/** An http-errors error (body-parser's) that its author marked safe to show: a 4xx caused by the request. */
interface ExposedClientError extends Error {
  status: number;
  expose: true;
}

/** Whether this is the body parser's refusal of a request's body (400, 413, 415), answered by `answerRefusedBody`. */
export function isRefusedBody(error: unknown): error is ExposedClientError {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Partial<ExposedClientError>;
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Answers the body parser's refusals (400 malformed JSON, 413 too large, 415 charset) where they
 * happen, shaped like Nest's error answers and without a logged stack. Passed on, they would reach the
 * static portal's error handler, which turns every error under /api into 404.
 */
export function answerRefusedBody(
  error: unknown,
  _request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  if (!isRefusedBody(error)) return next(error);
  response.statusCode = error.status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify({ statusCode: error.status, message: error.message }));
}
