import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsDefined, IsOptional, ValidateIf } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';

export const MAX_IDS_PER_CALL = 500;

/** REST: `{ ids }` or `{ all: true }`; with `all`, any `ids` are covered anyway. */
export class MarkNotificationsReadDto {
  @ValidateIf((dto: MarkNotificationsReadDto) => dto.all !== true)
  @IsDefined({ message: 'send ids (the notifications to mark read) or all: true' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS_PER_CALL)
  @IsLowerCaseUuid({ each: true })
  ids?: string[];

  @IsOptional()
  @Equals(true)
  all?: true;
}
