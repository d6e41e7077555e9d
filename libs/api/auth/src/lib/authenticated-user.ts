import { EventActor, StaffRole } from '@derm/shared/contracts';

/** Who is acting, taken from a verified token: the tenant of every query and broadcast. */
export interface AuthenticatedUser {
  userId: string;
  tenantId: string;
  role: StaffRole;
  name: string;
}

export const toActor = (user: AuthenticatedUser): EventActor => ({ id: user.userId, name: user.name });
