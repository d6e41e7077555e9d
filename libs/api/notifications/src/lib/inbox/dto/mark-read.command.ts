import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { MarkNotificationsReadCommand } from '@derm/shared/contracts';
import { MAX_IDS_PER_CALL } from './mark-read.dto';

export class MarkNotificationsReadCommandDto implements MarkNotificationsReadCommand {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS_PER_CALL)
  @IsLowerCaseUuid({ each: true })
  ids!: string[];
}
