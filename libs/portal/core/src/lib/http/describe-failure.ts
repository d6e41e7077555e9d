import { HttpErrorResponse } from '@angular/common/http';

/** What a page says for a status in its own words ("you are not in this conversation."). */
export type FailureReasons = Partial<Record<number, string>>;

/** For actions a role may lack: the server's 403 names a permission, not a person's words. */
export const ROLE_MAY_NOT: FailureReasons = { 403: 'your role may not.' };
/** Said for every 404 unless a page has its own words: the server's names an id. */
const NOT_FOUND: FailureReasons = { 404: 'not found.' };

/**
 * "Could not <action>: <why>" for a failed request. The why is, in order: that the server cannot
 * be reached; the page's own words for the status (a 404 is "not found." unless it has its own);
 * the first field a 400 names (its `message`
 * only says that validation failed); the server's message. Else just "Could not <action>."
 */
export function describeFailure(error: unknown, action: string, reasons: FailureReasons = {}): string {
  const why = error instanceof HttpErrorResponse ? reasonOf(error, reasons) : null;
  return why ? `Could not ${action}: ${why}` : `Could not ${action}.`;
}

function reasonOf(error: HttpErrorResponse, reasons: FailureReasons): string | null {
  if (error.status === 0) return 'the server cannot be reached.';
  const own = reasons[error.status] ?? NOT_FOUND[error.status];
  if (own) return own;
  const body = error.error as { message?: unknown; fields?: Record<string, unknown> } | null;
  const fieldMessage = Object.values(body?.fields ?? {})
    .flat()
    .find((message) => typeof message === 'string');
  if (typeof fieldMessage === 'string') return fieldMessage;
  if (typeof body?.message === 'string') return body.message;
  if (Array.isArray(body?.message)) return body.message.join(' ');
  return null;
}
