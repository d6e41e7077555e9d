import { ConflictException } from '@nestjs/common';
import { StaffAccount } from '@derm/shared/contracts';

/**
 * Whoever is picked for something new (a conversation, an alert, a visit, a task) must still work
 * in the clinic: 409 naming every deactivated account among them, so a stale list says why.
 */
export function requireActive(members: readonly StaffAccount[]): void {
  const names = members.filter((member) => !member.active).map((member) => member.name);
  if (names.length > 0) {
    throw new ConflictException(
      `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} no longer active in this clinic`,
    );
  }
}
