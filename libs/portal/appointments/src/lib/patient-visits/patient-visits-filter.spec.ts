import { AppointmentSummary } from '@derm/shared/contracts';
import { visitsOf } from './patient-visits-filter';

const visit = (patientId: string, startsAt: string) => ({ patientId, startsAt }) as AppointmentSummary;

describe('a patient’s visits', () => {
  const shows = visitsOf('p1', '2026-12-01', 'America/New_York');

  it('shows the patient’s visits from the start of the clinic’s today', () => {
    expect(shows(visit('p1', '2026-12-01T05:00:00.000Z'))).toBe(true);
    expect(shows(visit('p1', '2027-01-15T14:00:00.000Z'))).toBe(true);
  });

  it('leaves out earlier days on the clinic’s clock, and other patients', () => {
    expect(shows(visit('p1', '2026-12-01T04:59:00.000Z'))).toBe(false);
    expect(shows(visit('p2', '2026-12-02T14:00:00.000Z'))).toBe(false);
  });
});
