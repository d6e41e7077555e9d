import { IsBoolean, IsIn } from 'class-validator';
import { Omittable } from '@derm/api/http';
import { STAFF_ROLES, StaffRole, UpdateStaffRequest } from '@derm/shared/contracts';

export class UpdateStaffDto implements UpdateStaffRequest {
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @Omittable()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}
