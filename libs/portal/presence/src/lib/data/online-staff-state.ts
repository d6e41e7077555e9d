import { OnlineStaff, PresenceChanged, StaffAccount } from '@derm/shared/contracts';

/** A change to the online list, from a `presence:changed` batch or a `staff:changed`. */
export type OnlineStaffChange = (list: readonly OnlineStaff[]) => OnlineStaff[];

export function byName(list: readonly OnlineStaff[]): OnlineStaff[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/**
 * Applies a batch, in which each person is once: who went offline leaves the list, who came
 * online joins it since `at`; a person already listed keeps the time they came.
 */
export function presenceChanged({ online, offline }: PresenceChanged, at: Date): OnlineStaffChange {
  return (list) => {
    const gone = new Set(offline.map((person) => person.userId));
    const staying = list.filter((member) => !gone.has(member.userId));
    const listed = new Set(staying.map((member) => member.userId));
    const arrived = online
      .filter((person) => !listed.has(person.userId))
      .map(({ userId, name, role }) => ({ userId, name, role, since: at.toISOString() }));
    return byName([...staying, ...arrived]);
  };
}

/**
 * An admin changed an account: an online colleague is shown with their role as it is now, and a
 * deactivated one leaves at once (their sockets are closed; the server's offline follows the grace).
 */
export function accountChanged({ id, name, role, active }: StaffAccount): OnlineStaffChange {
  return (list) =>
    active
      ? byName(list.map((member) => (member.userId === id ? { ...member, name, role } : member)))
      : list.filter((member) => member.userId !== id);
}
