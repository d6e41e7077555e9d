/**
 * `scheduled` → `checked-in` (on its day) → `completed`; `scheduled` → `no-show` once it has
 * started; `scheduled` or `checked-in` → `cancelled`.
 */
export const APPOINTMENT_STATUSES = ['scheduled', 'checked-in', 'completed', 'no-show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_TYPES = ['consultation', 'follow-up', 'skin-check', 'procedure', 'cosmetic'] as const;
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];

/**
 * The longest an appointment may last, from its start to its end: a booking or a move past it is
 * refused (400), so that an end time typed days late cannot block a provider's schedule for days.
 * Mohs surgery can take most of a day.
 */
export const APPOINTMENT_MAX_HOURS = 12;

/** The longest reason for cancelling a visit, in characters (code points); the form takes no more. */
export const CANCEL_REASON_MAX_LENGTH = 500;

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
  /**
   * Goes up with every change of the appointment. The REST answers send it as the `ETag` (see
   * `appointmentETag`); a move or cancellation sent with it as `If-Match` is refused (412) if the
   * appointment changed since.
   */
  version: number;
}

/** The `ETag` of an appointment at `version`: a strong entity tag, as `If-Match` compares them. */
export const appointmentETag = (version: number): string => `"${version}"`;

/** The body of a 412: the appointment changed since the version the write's `If-Match` named. */
export interface AppointmentChangedError {
  statusCode: 412;
  message: string;
  /** The appointment as it is now, for the person to decide again. */
  appointment: AppointmentSummary;
}

export interface CreateAppointmentRequest {
  patientId: string;
  providerId: string;
  startsAt: string;
  /** After `startsAt`, by at most `APPOINTMENT_MAX_HOURS` (400 otherwise). */
  endsAt: string;
  type?: AppointmentType;
  /** A start before now is refused (422) unless the person confirmed it. */
  confirmPast?: boolean;
}

/** A reschedule moves `startsAt`/`endsAt`; a move into the past needs `confirmPast`, as a booking does. */
export type UpdateAppointmentRequest = Partial<
  Pick<CreateAppointmentRequest, 'providerId' | 'startsAt' | 'endsAt' | 'type' | 'confirmPast'>
>;

/** Which booking a refused one overlaps (409), and whose: the provider's or the patient's. */
export interface AppointmentConflict {
  appointmentId: string;
  /** The schedule the two share. */
  with: 'provider' | 'patient';
  providerName: string;
  patientName: string;
  startsAt: string;
  endsAt: string;
}

/** The body of a 409 for an overlapping booking or move. */
export interface AppointmentConflictError {
  statusCode: 409;
  message: string;
  conflict: AppointmentConflict;
}

/**
 * The body of a 409 for a write the appointment as it is now does not allow (checking in a visit
 * already checked in or moved to another day, cancelling a completed one): the appointment, so
 * that a tab that missed the change shows it.
 */
export interface AppointmentStateError {
  statusCode: 409;
  message: string;
  appointment: AppointmentSummary;
}

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
  /** The appointment's version after the change (see `AppointmentSummary.version`). */
  version: number;
}
export interface AppointmentCheckedInData {
  appointmentId: string;
  patientId: string;
  checkedInAt: string;
  /** The appointment's version after the change (see `AppointmentSummary.version`). */
  version: number;
}
export interface AppointmentCompletedData {
  appointmentId: string;
  completedAt: string;
  /** The appointment's version after the change (see `AppointmentSummary.version`). */
  version: number;
}
export interface AppointmentNoShowData {
  appointmentId: string;
  patientId: string;
  markedAt: string;
  /** The appointment's version after the change (see `AppointmentSummary.version`). */
  version: number;
}
