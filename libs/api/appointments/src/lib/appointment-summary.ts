import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentEntity } from './appointment.entity';

/** Expects `patient` and `provider` loaded. */
export const toAppointmentSummary = (row: AppointmentEntity): AppointmentSummary => ({
  id: row.id,
  patientId: row.patientId,
  patientName: row.patient.displayName,
  providerId: row.providerId,
  providerName: row.provider.name,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  status: row.status,
  type: row.type,
  ...(row.checkedInAt ? { checkedInAt: row.checkedInAt.toISOString() } : {}),
  ...(row.cancelReason ? { cancelReason: row.cancelReason } : {}),
  version: row.version,
});
