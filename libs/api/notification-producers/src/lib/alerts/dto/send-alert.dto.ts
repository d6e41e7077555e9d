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
import { IsLowerCaseUuid } from '@derm/api/http';
import { AlertRecipients, SendAlertRequest, STAFF_ROLES, StaffRole } from '@derm/shared/contracts';
import { IsFreeText } from '../../free-text';

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
  @IsFreeText(200)
  title!: string;

  @IsOptional()
  @IsFreeText(500)
  body?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => AlertRecipientsDto)
  to!: AlertRecipientsDto;
}
