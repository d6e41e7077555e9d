import type { ServerResponse } from 'node:http';

const LEFT_OUT = Symbol('request log left out');

/** Skips a request's own log line: for refusals of a flood, which whoever refuses them sums up instead. */
export function leaveOutRequestLog(response: ServerResponse): void {
  (response as ServerResponse & { [LEFT_OUT]?: true })[LEFT_OUT] = true;
}

export function isRequestLogLeftOut(response: ServerResponse): boolean {
  return (response as ServerResponse & { [LEFT_OUT]?: true })[LEFT_OUT] === true;
}
