import { IsOptional } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { NotWithCursor, PageQuery } from '@derm/api/database';

export const MESSAGES_PAGE = { defaultSize: 50, maxSize: 200 };

/** The newest page by default; `cursor` (from X-Next-Cursor) or `before` a message id for older ones. */
export class ListMessagesQuery extends PageQuery(MESSAGES_PAGE) {
  /** A message id of the thread: only older messages come back; never with `cursor`. */
  @IsOptional()
  @IsLowerCaseUuid()
  @NotWithCursor('a message id')
  before?: string;
}
