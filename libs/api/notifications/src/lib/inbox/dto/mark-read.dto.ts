import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsOptional, IsUUID, ValidateIf } from 'class-validator';

export const MAX_IDS_PER_CALL = 500;

/** REST: `{ ids }` or `{ all: true }`; with `all`, any `ids` are covered anyway. */
export class MarkNotificationsReadDto {
  @ValidateIf((dto: MarkNotificationsReadDto) => dto.all !== true)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS_PER_CALL)
  @IsUUID('all', { each: true })
  ids?: string[];

  @IsOptional()
  @Equals(true)
  all?: true;
}
