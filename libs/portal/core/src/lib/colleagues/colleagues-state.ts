import { StaffAccount, StaffMember } from '@derm/shared/contracts';
import { LiveChange } from '../live/live-collection';

const byName = (a: StaffMember, b: StaffMember) => a.name.localeCompare(b.name);

/** An account changed: an active one is listed as it is now (in name order), a deactivated one is gone. */
export function withAccount({ id, name, role, active }: StaffAccount): LiveChange<StaffMember[]> {
  return (staff) => {
    const others = staff.filter((member) => member.id !== id);
    return active ? [...others, { id, name, role }].sort(byName) : others;
  };
}
