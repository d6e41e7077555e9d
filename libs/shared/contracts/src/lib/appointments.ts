export const APPOINTMENT_STATUSES = ['scheduled', 'checked-in', 'completed', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_TYPES = [
  'consultation',
  'follow-up',
  'skin-check',
  'procedure',
  'cosmetic',
] as const;
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];

export interface AppointmentSummary {
  id: string;
  patientId: string;
  patientName: string;
  providerId: string;
  providerName: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  type: AppointmentType;
  checkedInAt?: string;
  cancelReason?: string;
}

export interface CreateAppointmentRequest {
  patientId: string;
  providerId: string;
  startsAt: string;
  endsAt: string;
  type?: AppointmentType;
}

export type UpdateAppointmentRequest = Partial<
  Pick<CreateAppointmentRequest, 'providerId' | 'startsAt' | 'endsAt' | 'type'>
>;

export interface CancelAppointmentRequest {
  reason?: string;
}

export interface AppointmentCreatedData {
  appointment: AppointmentSummary;
}
export interface AppointmentUpdatedData {
  appointment: AppointmentSummary;
  changes: string[];
}
export interface AppointmentCancelledData {
  appointmentId: string;
  reason?: string;
}
export interface AppointmentCheckedInData {
  appointmentId: string;
  patientId: string;
  checkedInAt: string;
}
