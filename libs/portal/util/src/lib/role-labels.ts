import { Pipe, PipeTransform } from '@angular/core';
import { StaffRole } from '@derm/shared/contracts';

/** How a role is named on every screen. */
export const ROLE_LABELS: Record<StaffRole, string> = {
  provider: 'Provider',
  nurse: 'Nurse',
  'front-desk': 'Front desk',
  admin: 'Admin',
};

/** `{{ member.role | roleLabel }}`: "Front desk", never "front-desk". */
@Pipe({ name: 'roleLabel' })
export class RoleLabelPipe implements PipeTransform {
  transform(role: StaffRole): string {
    return ROLE_LABELS[role];
  }
}
