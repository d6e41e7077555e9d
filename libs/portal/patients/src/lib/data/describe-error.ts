import { HttpErrorResponse } from '@angular/common/http';

/** A sentence for the page from a failed request. */
export function describeError(error: unknown, action: string): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 404) return `Could not ${action}: not found.`;
    if (error.status === 0) return `Could not ${action}: the server cannot be reached.`;
    const body = error.error as { message?: unknown; fields?: Record<string, unknown> } | null;
    // A 400 names what was wrong field by field; its `message` only says that validation failed.
    const fieldMessage = Object.values(body?.fields ?? {})
      .flat()
      .find((message) => typeof message === 'string');
    if (typeof fieldMessage === 'string') return `Could not ${action}: ${fieldMessage}`;
    if (typeof body?.message === 'string') return `Could not ${action}: ${body.message}`;
  }
  return `Could not ${action}.`;
}
