import { IsLowerCaseUuid } from '@derm/api/http';
import { MarkMessageReadCommand } from '@derm/shared/contracts';

export class MarkMessageReadDto implements MarkMessageReadCommand {
  @IsLowerCaseUuid()
  threadId!: string;

  @IsLowerCaseUuid()
  messageId!: string;
}
