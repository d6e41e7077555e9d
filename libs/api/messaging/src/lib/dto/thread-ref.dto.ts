import { IsUUID } from 'class-validator';
import { ThreadRef } from '@derm/shared/contracts';

export class ThreadRefDto implements ThreadRef {
  @IsUUID()
  threadId!: string;
}
