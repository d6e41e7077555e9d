import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsUUID } from 'class-validator';
import { AddThreadParticipantsRequest } from '@derm/shared/contracts';
import { THREAD_MAX_PARTICIPANTS } from './create-thread.dto';

export class AddParticipantsDto implements AddThreadParticipantsRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(THREAD_MAX_PARTICIPANTS)
  @IsUUID('all', { each: true })
  userIds!: string[];
}
