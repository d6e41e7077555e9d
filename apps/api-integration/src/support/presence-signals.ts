import { PatientViewers, PresenceOffline, PresenceOnline } from '@derm/shared/contracts';

/** Matches a presence signal about one person. */
export const about = (userId: string) => (signal: PresenceOnline | PresenceOffline) => signal.userId === userId;

/** Who a viewers list names, in a comparable form. */
export const viewerIds = ({ viewers }: Pick<PatientViewers, 'viewers'>) =>
  viewers
    .map((viewer) => viewer.userId)
    .sort()
    .join();
