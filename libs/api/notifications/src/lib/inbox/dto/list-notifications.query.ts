import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@derm/api/database';

export const NOTIFICATIONS_PAGE = { defaultSize: 20, maxSize: 100 };

/** The first page by default; `cursor` (from X-Next-Cursor) or `before` a notification id for the next. */
export class ListNotificationsQuery extends PageQuery(NOTIFICATIONS_PAGE) {
  /** Only unread ones. */
  @IsOptional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj['unread'] === 'true' || obj['unread'] === true)
  @IsBoolean()
  unread?: boolean;

  /** The id of the last notification of the previous page. */
  @IsOptional()
  @IsUUID()
  before?: string;
}
