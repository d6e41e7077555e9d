import { AppointmentSummary } from '@derm/shared/contracts';

/** A scheduled 30-minute consultation of patient `id`'s own, at version 1 unless `overrides` say otherwise. */
export function appointment(
  id: string,
  startsAt: string,
  overrides: Partial<AppointmentSummary> = {},
): AppointmentSummary {
  return {
    id,
    patientId: `patient-${id}`,
    patientName: `Patient ${id}`,
    providerId: 'provider-1',
    providerName: 'Dr. Example',
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
    status: 'scheduled',
    type: 'consultation',
    version: 1,
    ...overrides,
  };
}
