import { IsString } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { MESSAGE_BODY_MAX_LENGTH, PostMessageRequest } from '@derm/shared/contracts';

export class PostMessageDto implements PostMessageRequest {
  /** Surrounding whitespace is dropped, inner whitespace (line breaks) kept; what is left must say something. */
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(MESSAGE_BODY_MAX_LENGTH)
  body!: string;
}
