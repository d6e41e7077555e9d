import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ListNotificationsQuery {
  /** Only unread ones. */
  @IsOptional()
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj['unread'] === 'true' || obj['unread'] === true)
  @IsBoolean()
  unread?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** The id of the last notification of the previous page. */
  @IsOptional()
  @IsUUID()
  before?: string;
}
