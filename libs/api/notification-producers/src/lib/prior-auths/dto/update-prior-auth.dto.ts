import { IsIn } from 'class-validator';
import { UpdatePriorAuthRequest } from '@derm/shared/contracts';

export const SETTABLE_STATUSES = ['submitted', 'approved', 'denied', 'more-info-needed'] as const;

export class UpdatePriorAuthDto implements UpdatePriorAuthRequest {
  @IsIn(SETTABLE_STATUSES)
  status!: UpdatePriorAuthRequest['status'];
}
