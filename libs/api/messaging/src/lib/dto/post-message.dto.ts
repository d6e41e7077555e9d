import { IsFreeText } from '@derm/api/http';
import { MESSAGE_BODY_MAX_LENGTH, PostMessageRequest } from '@derm/shared/contracts';

export class PostMessageDto implements PostMessageRequest {
  /** Surrounding whitespace is dropped, inner whitespace (line breaks) kept; what is left must say something. */
  @IsFreeText(MESSAGE_BODY_MAX_LENGTH)
  body!: string;
}
