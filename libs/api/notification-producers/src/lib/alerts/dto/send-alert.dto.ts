import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { IsLowerCaseUuid, IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';
import { AlertRecipients, SendAlertRequest, STAFF_ROLES, StaffRole } from '@derm/shared/contracts';

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
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(200)
  title!: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsStorableText()
  @IsNotBlank()
  @MaxCharacters(500)
  body?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => AlertRecipientsDto)
  to!: AlertRecipientsDto;
}
