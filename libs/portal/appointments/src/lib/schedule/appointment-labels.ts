import { AppointmentStatus, AppointmentType } from '@derm/shared/contracts';

export const APPOINTMENT_TYPE_LABELS: Record<AppointmentType, string> = {
  consultation: 'Consultation',
  'follow-up': 'Follow-up',
  'skin-check': 'Skin check',
  procedure: 'Procedure',
  cosmetic: 'Cosmetic',
};

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  'checked-in': 'Checked in',
  completed: 'Completed',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
};
