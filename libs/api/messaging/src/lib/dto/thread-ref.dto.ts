import { IsLowerCaseUuid } from '@derm/api/http';
import { ThreadRef } from '@derm/shared/contracts';

export class ThreadRefDto implements ThreadRef {
  @IsLowerCaseUuid()
  threadId!: string;
}
