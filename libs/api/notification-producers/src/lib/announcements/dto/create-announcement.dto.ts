import {
  CreateAnnouncementRequest,
  NOTIFICATION_BODY_MAX_LENGTH,
  NOTIFICATION_TITLE_MAX_LENGTH,
} from '@derm/shared/contracts';
import { IsFreeText } from '@derm/api/http';

export class CreateAnnouncementDto implements CreateAnnouncementRequest {
  @IsFreeText(NOTIFICATION_TITLE_MAX_LENGTH)
  title!: string;

  @IsFreeText(NOTIFICATION_BODY_MAX_LENGTH)
  body!: string;
}
