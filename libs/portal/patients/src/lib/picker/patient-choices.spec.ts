import { PatientSummary } from '@derm/shared/contracts';
import { patientChoices, patientLabel } from './patient-choices';

const patient = (id: string, displayName: string): PatientSummary => ({
  id,
  displayName,
  dateOfBirth: '1984-03-12',
  mrn: `RIV-${id}`,
});
const jordan = patient('1', 'Jordan Blake');
const namesake = { ...patient('2', 'Jordan Blake'), dateOfBirth: '2001-07-30' };
const lena = patient('3', 'Lena Fischer');

describe('patient choices', () => {
  it('tells namesakes apart by date of birth and MRN', () => {
    expect(patientLabel(jordan)).toBe('Jordan Blake · 1984-03-12 · RIV-1');
    expect(patientLabel(namesake)).not.toBe(patientLabel(jordan));
  });

  it('keeps the chosen patient offered when a new search no longer finds them, once', () => {
    expect(patientChoices([lena], jordan)).toEqual([jordan, lena]);
    expect(patientChoices([jordan, lena], jordan)).toEqual([jordan, lena]);
    expect(patientChoices([lena], null)).toEqual([lena]);
    expect(patientChoices([], namesake)).toEqual([namesake]);
  });
});
