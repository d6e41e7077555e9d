import { createHash } from 'node:crypto';

/** Eight hex digits naming a sign-in in an audit: enough to tell sessions apart, useless to present as one. */
export const sessionTag = (sessionId: string): string =>
  createHash('sha256').update(sessionId).digest('hex').slice(0, 8);
