import { PatientViewer } from '@derm/shared/contracts';
import { PresenceViewing } from '../store/presence-store';

/** One entry per person, however many tabs they have open, viewing since their earliest tab. */
export function toViewers(viewings: readonly PresenceViewing[]): PatientViewer[] {
  const earliest = new Map<string, PresenceViewing>();
  for (const viewing of viewings) {
    const known = earliest.get(viewing.userId);
    if (!known || viewing.startedAt < known.startedAt) earliest.set(viewing.userId, viewing);
  }
  return [...earliest.values()]
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.name.localeCompare(b.name))
    .map(({ userId, name, startedAt }) => ({ userId, name, since: startedAt.toISOString() }));
}

/** Whether adding or removing `changed` changed who views the patient (not just how many tabs). */
export function changesViewers(changed: PresenceViewing, viewingsAfter: readonly PresenceViewing[]): boolean {
  const tabsOfUser = viewingsAfter.filter((viewing) => viewing.userId === changed.userId).length;
  const added = viewingsAfter.some((viewing) => viewing.socketId === changed.socketId);
  return added ? tabsOfUser === 1 : tabsOfUser === 0;
}
