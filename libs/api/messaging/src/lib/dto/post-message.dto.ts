import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MESSAGE_BODY_MAX_LENGTH, PostMessageRequest } from '@derm/shared/contracts';

export class PostMessageDto implements PostMessageRequest {
  /** Surrounding whitespace is dropped; what is left must say something. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  @MaxLength(MESSAGE_BODY_MAX_LENGTH)
  body!: string;
}
