import { IsUUID } from 'class-validator';
import { IsIdempotencyKey } from '@derm/api/database';
import { AcknowledgeNotificationCommand } from '@derm/shared/contracts';

export class AcknowledgeNotificationCommandDto implements AcknowledgeNotificationCommand {
  @IsUUID()
  id!: string;

  @IsIdempotencyKey()
  idempotencyKey?: string;
}
