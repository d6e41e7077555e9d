import { PatientSummary } from '@derm/shared/contracts';

/** Name, date of birth and MRN: two patients of the same name are never one choice. */
export function patientLabel({ displayName, dateOfBirth, mrn }: PatientSummary): string {
  return `${displayName} · ${dateOfBirth} · ${mrn}`;
}

/**
 * What the patient list offers: the search's matches, and the patient already chosen first when
 * the search no longer finds them, so that searching again never silently undoes the choice.
 */
export function patientChoices(
  matches: readonly PatientSummary[],
  chosen: PatientSummary | null,
): readonly PatientSummary[] {
  return chosen && !matches.some(({ id }) => id === chosen.id) ? [chosen, ...matches] : matches;
}
