import { IsString, MaxLength } from 'class-validator';
import { IsNotBlank, IsStorableText, Trim } from '@derm/api/http';
import { CreateAnnouncementRequest } from '@derm/shared/contracts';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxLength(200)
  title!: string;

  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxLength(500)
  body!: string;
}
