import { OnlineStaff, PresenceOffline, PresenceOnline } from '@derm/shared/contracts';

/** A change to the online list, from a `presence:*` signal. */
export type OnlineStaffChange = (list: readonly OnlineStaff[]) => OnlineStaff[];

export function byName(list: readonly OnlineStaff[]): OnlineStaff[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** Someone came online now; a person already listed keeps the time they came. */
export function cameOnline({ userId, name, role }: PresenceOnline, at: Date): OnlineStaffChange {
  return (list) =>
    list.some((member) => member.userId === userId)
      ? [...list]
      : byName([...list, { userId, name, role, since: at.toISOString() }]);
}

export function wentOffline({ userId }: PresenceOffline): OnlineStaffChange {
  return (list) => list.filter((member) => member.userId !== userId);
}
