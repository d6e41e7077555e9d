import { StaffRole } from '@derm/shared/contracts';

export const ROLE_LABELS: Record<StaffRole, string> = {
  provider: 'Provider',
  nurse: 'Nurse',
  'front-desk': 'Front desk',
  admin: 'Admin',
};
