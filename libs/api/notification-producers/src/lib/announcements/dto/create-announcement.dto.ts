import { CreateAnnouncementRequest } from '@derm/shared/contracts';
import { IsFreeText } from '../../free-text';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @IsFreeText(200)
  title!: string;

  @IsFreeText(500)
  body!: string;
}
