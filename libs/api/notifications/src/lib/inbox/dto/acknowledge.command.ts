import { IsUUID } from 'class-validator';
import { AcknowledgeNotificationCommand } from '@derm/shared/contracts';

export class AcknowledgeNotificationCommandDto implements AcknowledgeNotificationCommand {
  @IsUUID()
  id!: string;
}
