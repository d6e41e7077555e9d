import { ThreadSummary } from '@derm/shared/contracts';
import { directThreadIn, participantLabel, participantsBesideSubject } from './thread-people';

type People = Pick<ThreadSummary, 'subject' | 'participants'>;
const people = (subject: string, ...names: string[]): People => ({
  subject,
  participants: names.map((name, i) => ({ id: `u${i}`, name, active: true })),
});
/** The same thread, these of its people deactivated. */
const deactivated = (thread: People, ...names: string[]): People => ({
  ...thread,
  participants: thread.participants.map((p) => (names.includes(p.name) ? { ...p, active: false } : p)),
});

describe('thread people', () => {
  it('shows the participants beside a subject of its own or a patient', () => {
    expect(participantsBesideSubject(people('Biopsy follow-up', 'Dr. Ana Ortiz', 'Nora Quinn'))).toBe(
      'Dr. Ana Ortiz, Nora Quinn',
    );
    expect(participantsBesideSubject(people('About Jane Doe', 'Dr. Ana Ortiz', 'Nora Quinn'))).toBe(
      'Dr. Ana Ortiz, Nora Quinn',
    );
  });

  it('shows nothing beside a subject that is the participants, in whatever order they were picked', () => {
    expect(participantsBesideSubject(people('Nora Quinn, Dr. Ana Ortiz', 'Dr. Ana Ortiz', 'Nora Quinn'))).toBe('');
  });

  it('shows the participants when they are no longer the ones the subject names', () => {
    expect(
      participantsBesideSubject(people('Nora Quinn, Dr. Ana Ortiz', 'Dr. Ana Ortiz', 'Felix Park', 'Nora Quinn')),
    ).toBe('Dr. Ana Ortiz, Felix Park, Nora Quinn');
    expect(participantsBesideSubject(people('Nora Quinn, Dr. Ana Ortiz', 'Dr. Ana Ortiz', 'Felix Park'))).toBe(
      'Dr. Ana Ortiz, Felix Park',
    );
  });

  it('says who is no longer active, beside a subject of its own', () => {
    expect(participantLabel({ id: 'u1', name: 'Nora Quinn', active: false })).toBe('Nora Quinn (no longer active)');
    expect(participantLabel({ id: 'u1', name: 'Nora Quinn', active: true })).toBe('Nora Quinn');
    const thread = people('Biopsy follow-up', 'Dr. Ana Ortiz', 'Felix Park', 'Nora Quinn');
    expect(participantsBesideSubject(deactivated(thread, 'Nora Quinn'))).toBe(
      'Dr. Ana Ortiz, Felix Park, Nora Quinn (no longer active)',
    );
    expect(participantsBesideSubject(deactivated(thread, 'Dr. Ana Ortiz', 'Nora Quinn'))).toBe(
      'Dr. Ana Ortiz (no longer active), Felix Park, Nora Quinn (no longer active)',
    );
  });

  it('beside a subject that is the participants, names only who is no longer active', () => {
    const thread = people('Nora Quinn, Dr. Ana Ortiz, Felix Park', 'Dr. Ana Ortiz', 'Felix Park', 'Nora Quinn');
    expect(participantsBesideSubject(deactivated(thread, 'Nora Quinn'))).toBe('Nora Quinn (no longer active)');
    expect(participantsBesideSubject(deactivated(thread, 'Felix Park', 'Nora Quinn'))).toBe(
      'Felix Park (no longer active), Nora Quinn (no longer active)',
    );
    expect(participantsBesideSubject(thread)).toBe('');
  });

  it('finds the first listed thread of exactly the two, not a group with them or a thread of one of them', () => {
    const thread = (id: string, ...ids: string[]) =>
      ({ id, participants: ids.map((pid) => ({ id: pid, name: pid, active: true })) }) as ThreadSummary;
    const threads = [
      thread('group', 'me', 'ana', 'felix'),
      thread('felix', 'me', 'felix'),
      thread('latest', 'ana', 'me'),
      thread('earlier', 'me', 'ana'),
    ];
    expect(directThreadIn(threads, 'me', 'ana')?.id).toBe('latest');
    expect(directThreadIn(threads, 'me', 'felix')?.id).toBe('felix');
    expect(directThreadIn(threads, 'me', 'nora')).toBeUndefined();
    expect(directThreadIn([thread('ana-felix', 'ana', 'felix')], 'me', 'ana')).toBeUndefined();
    expect(directThreadIn(threads, 'me', 'me')).toBeUndefined();
  });
});
