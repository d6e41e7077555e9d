import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@derm/api/database';

export const MESSAGES_PAGE = { defaultSize: 50, maxSize: 200 };

/** The newest page by default; `cursor` (from X-Next-Cursor) or `before` a message id for older ones. */
export class ListMessagesQuery extends PageQuery(MESSAGES_PAGE) {
  /** A message id of the thread: only older messages come back. */
  @IsOptional()
  @IsUUID()
  before?: string;
}
