import { IsUUID } from 'class-validator';
import { MarkMessageReadCommand } from '@derm/shared/contracts';

export class MarkMessageReadDto implements MarkMessageReadCommand {
  @IsUUID()
  threadId!: string;

  @IsUUID()
  messageId!: string;
}
