import { HttpErrorResponse } from '@angular/common/http';

/** A sentence for the page from a failed request. */
export function describeError(error: unknown, action: string): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 403) return `Could not ${action}: only the sender and admins may see this.`;
    if (error.status === 404) return `Could not ${action}: not found.`;
    if (error.status === 0) return `Could not ${action}: the server cannot be reached.`;
    const message = (error.error as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return `Could not ${action}: ${message}`;
  }
  return `Could not ${action}.`;
}
