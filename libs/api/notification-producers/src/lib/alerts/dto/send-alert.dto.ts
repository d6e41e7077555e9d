import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsFreeText, IsLowerCaseUuid } from '@derm/api/http';
import {
  AlertRecipients,
  NOTIFICATION_BODY_MAX_LENGTH,
  NOTIFICATION_TITLE_MAX_LENGTH,
  SendAlertRequest,
  STAFF_ROLES,
  StaffRole,
} from '@derm/shared/contracts';

export class AlertRecipientsDto implements AlertRecipients {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsLowerCaseUuid({ each: true })
  userIds?: string[];

  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @IsOptional()
  @IsBoolean()
  everyone?: boolean;
}

export class SendAlertDto implements SendAlertRequest {
  @IsFreeText(NOTIFICATION_TITLE_MAX_LENGTH)
  title!: string;

  @IsOptional()
  @IsFreeText(NOTIFICATION_BODY_MAX_LENGTH)
  body?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => AlertRecipientsDto)
  to!: AlertRecipientsDto;
}
