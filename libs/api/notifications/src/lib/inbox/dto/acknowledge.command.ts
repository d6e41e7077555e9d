import { IsLowerCaseUuid } from '@derm/api/http';
import { IsIdempotencyKey } from '@derm/api/database';
import { AcknowledgeNotificationCommand } from '@derm/shared/contracts';

export class AcknowledgeNotificationCommandDto implements AcknowledgeNotificationCommand {
  @IsLowerCaseUuid()
  id!: string;

  @IsIdempotencyKey()
  idempotencyKey?: string;
}
