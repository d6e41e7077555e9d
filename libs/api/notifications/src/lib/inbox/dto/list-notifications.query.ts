import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { NotWithCursor, PageQuery } from '@derm/api/database';

/** A query string's `true` or `false` as a boolean; anything else as it came, for `@IsBoolean` to refuse. */
const queryFlag = (raw: unknown): unknown => (raw === 'true' ? true : raw === 'false' ? false : raw);

export const NOTIFICATIONS_PAGE = { defaultSize: 20, maxSize: 100 };

/** The first page by default; `cursor` (from X-Next-Cursor) or `before` a notification id for the next. */
export class ListNotificationsQuery extends PageQuery(NOTIFICATIONS_PAGE) {
  /** Only unread ones: `true` or `false`, anything else refused rather than read as false. */
  @IsOptional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => queryFlag(obj['unread']))
  @IsBoolean()
  unread?: boolean;

  /** The id of the last notification of the previous page; never with `cursor`. */
  @IsOptional()
  @IsLowerCaseUuid()
  @NotWithCursor('a notification id')
  before?: string;
}
