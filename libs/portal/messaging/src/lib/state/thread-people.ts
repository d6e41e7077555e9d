import { ThreadParticipant, ThreadSummary } from '@derm/shared/contracts';

/**
 * Someone in a thread as its lists of people name them: "Nora Quinn (no longer active)" once
 * deactivated, so nobody counts on them reading it.
 */
export function participantLabel({ name, active }: ThreadParticipant): string {
  return active ? name : `${name} (no longer active)`;
}

/**
 * Everyone in the thread by name (the API's order, alphabetical), to show beside its subject, each
 * deactivated one marked. When the subject already is them (a thread started without a subject or
 * a patient is named after its participants, in the order they were picked), only the deactivated
 * ones: '' when there are none.
 */
export function participantsBesideSubject(thread: Pick<ThreadSummary, 'subject' | 'participants'>): string {
  const names = thread.participants.map((participant) => participant.name);
  const subjectNames = thread.subject.split(', ');
  const subjectIsNames =
    subjectNames.length === names.length && [...subjectNames].sort().join('\n') === [...names].sort().join('\n');
  const shown = subjectIsNames ? thread.participants.filter((participant) => !participant.active) : thread.participants;
  return shown.map(participantLabel).join(', ');
}

/** Someone in the thread is deactivated: the list names its people beside the subject to say so. */
export function hasInactiveParticipant(thread: Pick<ThreadSummary, 'participants'>): boolean {
  return thread.participants.some((participant) => !participant.active);
}

/**
 * The most recently active thread of exactly these two among those listed (the list's order), as
 * the API's `direct` lookup finds it. One person twice is no pair: a member is in a thread once.
 */
export function directThreadIn(
  threads: readonly ThreadSummary[],
  myId: string,
  colleagueId: string,
): ThreadSummary | undefined {
  const pair = [myId, colleagueId].sort().join('\n');
  return threads.find(
    (thread) =>
      thread.participants
        .map((p) => p.id)
        .sort()
        .join('\n') === pair,
  );
}
