import { NOTIFICATION_BODY_MAX_LENGTH, NOTIFICATION_TITLE_MAX_LENGTH } from '@derm/shared/contracts';

/**
 * `<what happened>: <subject>`, cut with an ellipsis where it would not fit the inbox: a subject
 * may be as long as its own field (a procedure, a test, a task's title), and the record keeps it
 * whole.
 */
export const noticeTitle = (whatHappened: string, subject: string): string =>
  clipped(`${whatHappened}: ${subject}`, NOTIFICATION_TITLE_MAX_LENGTH);

/** A body made up of names (who is still waiting), cut with an ellipsis where it would not fit the inbox. */
export const noticeBody = (text: string): string => clipped(text, NOTIFICATION_BODY_MAX_LENGTH);

/** Counted in characters, as the database counts them, so no character outside the BMP is split in half. */
function clipped(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return `${characters.slice(0, max - 1).join('')}…`;
}
