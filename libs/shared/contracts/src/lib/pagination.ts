/**
 * List routes answer one page as a plain array; when there is more, this response header carries
 * the opaque cursor to pass back as `?cursor=` for the next page.
 */
export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';
