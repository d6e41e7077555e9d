import { ThreadSummary } from '@derm/shared/contracts';
import { participantsBesideSubject } from './thread-people';

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
});
