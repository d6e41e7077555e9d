import { ThreadSummary } from '@derm/shared/contracts';
import { directThreadIn, participantsBesideSubject } from './thread-people';

const people = (subject: string, ...names: string[]): Pick<ThreadSummary, 'subject' | 'participants'> => ({
  subject,
  participants: names.map((name, i) => ({ id: `u${i}`, name })),
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

  it('finds the first listed thread of exactly the two, not a group with them or a thread of one of them', () => {
    const thread = (id: string, ...ids: string[]) =>
      ({ id, participants: ids.map((pid) => ({ id: pid, name: pid })) }) as ThreadSummary;
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
