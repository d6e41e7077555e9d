import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CreateAnnouncementRequest } from '@derm/shared/contracts';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  body!: string;
}
