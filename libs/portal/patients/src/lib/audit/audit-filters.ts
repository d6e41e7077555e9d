import { PatientViewAuditFilters } from '../data/patients-api.service';

/** What the audit form holds: ids, or '' for "all"; `datetime-local` values in local time. */
export interface AuditFilterForm {
  patientId: string;
  userId: string;
  from: string;
  to: string;
}

/** The API's filters: unset for "all", times as instants (the form's are local, without a zone). */
export function toAuditFilters({ patientId, userId, from, to }: AuditFilterForm): PatientViewAuditFilters {
  return {
    ...(patientId ? { patientId } : {}),
    ...(userId ? { userId } : {}),
    ...(from ? { from: new Date(from).toISOString() } : {}),
    ...(to ? { to: new Date(to).toISOString() } : {}),
  };
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** An instant as a `datetime-local` value in local time, to the minute; '' when it is none. */
function localDateTime(instant: string | undefined): string {
  const time = instant ? new Date(instant) : null;
  if (!time || Number.isNaN(time.getTime())) return '';
  const date = `${time.getFullYear()}-${twoDigits(time.getMonth() + 1)}-${twoDigits(time.getDate())}`;
  return `${date}T${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}`;
}

/** The form for filters read from the address. */
export function toAuditForm({ patientId, userId, from, to }: PatientViewAuditFilters): AuditFilterForm {
  return { patientId: patientId ?? '', userId: userId ?? '', from: localDateTime(from), to: localDateTime(to) };
}
