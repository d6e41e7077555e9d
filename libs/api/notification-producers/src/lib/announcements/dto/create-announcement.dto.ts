import { IsString } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { CreateAnnouncementRequest } from '@derm/shared/contracts';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  title!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(500)
  body!: string;
}
