import { SetMetadata } from '@nestjs/common';
import { StaffRole } from '@derm/shared/contracts';

export const REQUIRED_ROLES = 'auth:roles';

/** Restricts a route to staff with one of these roles (403 otherwise). */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);
