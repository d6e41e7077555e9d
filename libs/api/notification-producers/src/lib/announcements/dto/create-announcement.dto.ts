import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '@derm/api/http';
import { CreateAnnouncementRequest } from '@derm/shared/contracts';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  body!: string;
}
