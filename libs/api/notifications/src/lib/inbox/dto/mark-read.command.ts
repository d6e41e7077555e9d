import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { MarkNotificationsReadCommand } from '@derm/shared/contracts';
import { MAX_IDS_PER_CALL } from './mark-read.dto';

export class MarkNotificationsReadCommandDto implements MarkNotificationsReadCommand {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_IDS_PER_CALL)
  @IsUUID('all', { each: true })
  ids!: string[];
}
