import { ThreadSummary } from '@derm/shared/contracts';

/**
 * Everyone in the thread by name (the API's order, alphabetical), to show beside its subject; ''
 * when the subject already is them: a thread started without a subject or a patient is named
 * after its participants, in the order they were picked.
 */
export function participantsBesideSubject(thread: Pick<ThreadSummary, 'subject' | 'participants'>): string {
  const names = thread.participants.map((participant) => participant.name);
  const subjectNames = thread.subject.split(', ');
  const subjectIsNames =
    subjectNames.length === names.length && [...subjectNames].sort().join('\n') === [...names].sort().join('\n');
  return subjectIsNames ? '' : names.join(', ');
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
