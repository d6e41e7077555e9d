import { ArrayMaxSize, ArrayNotEmpty, IsArray } from 'class-validator';
import { IsLowerCaseUuid } from '@derm/api/http';
import { AddThreadParticipantsRequest } from '@derm/shared/contracts';
import { THREAD_MAX_PARTICIPANTS } from './create-thread.dto';

export class AddParticipantsDto implements AddThreadParticipantsRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(THREAD_MAX_PARTICIPANTS)
  @IsLowerCaseUuid({ each: true })
  userIds!: string[];
}
