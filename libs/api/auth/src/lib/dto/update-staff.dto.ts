import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { STAFF_ROLES, StaffRole, UpdateStaffRequest } from '@derm/shared/contracts';

export class UpdateStaffDto implements UpdateStaffRequest {
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}
