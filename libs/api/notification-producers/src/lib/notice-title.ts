/** The inbox keeps a notice's title in 200 characters (`notifications.title`). */
export const NOTICE_TITLE_MAX_LENGTH = 200;

/**
 * `<what happened>: <subject>`, cut with an ellipsis where it would not fit the inbox: a subject
 * may be as long as its own field (a procedure, a test, a task's title), and the record keeps it
 * whole. Counted in characters, as the database counts them, so no emoji is split in half.
 */
export function noticeTitle(whatHappened: string, subject: string): string {
  const characters = Array.from(`${whatHappened}: ${subject}`);
  if (characters.length <= NOTICE_TITLE_MAX_LENGTH) return characters.join('');
  return `${characters.slice(0, NOTICE_TITLE_MAX_LENGTH - 1).join('')}…`;
}
