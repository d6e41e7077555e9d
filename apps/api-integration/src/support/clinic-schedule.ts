import {
  addDays,
  AppointmentSummary,
  calendarDayIn,
  CreateAppointmentRequest,
  PatientSummary,
  SERVER_EVENT_NAMES,
  StaffMember,
  zonedTime,
} from '@derm/shared/contracts';
import { RealtimeTestClient, RestResponse, StaffSession } from '@derm/shared/test-client';

const SLOT_MINUTES = 20;
/** After the demo schedule's last visit (14:30), so that test bookings never meet it. */
const FIRST_SLOT = '15:00';
/** A day far enough ahead that no booking on it is in the past. */
export const FUTURE_DAY = '2031-06-02';
/** Every event the schedule announces: what a socket that must hear none of them listens for. */
export const APPOINTMENT_EVENTS = SERVER_EVENT_NAMES.filter((name) => name.startsWith('appointment:'));

export interface Times {
  startsAt: string;
  endsAt: string;
}

/**
 * One clinic's schedule as a test books it: times on the clinic's clock that hold whenever the
 * suite runs (today, yesterday or a fixed future day), each 20-minute slot handed out once.
 */
export class ClinicSchedule {
  /** Slots handed out, by day. */
  private readonly used = new Map<string, number>();

  private constructor(
    readonly session: StaffSession,
    readonly patients: PatientSummary[],
    readonly provider: StaffMember,
  ) {}

  static async of(session: StaffSession): Promise<ClinicSchedule> {
    const patients = (await session.rest.get<PatientSummary[]>('/api/patients')).body;
    const staff = (await session.rest.get<StaffMember[]>('/api/staff')).body;
    const provider = staff.find((member) => member.role === 'provider');
    if (!provider || patients.length < 2) throw new Error('The clinic needs a provider and two patients');
    return new ClinicSchedule(session, patients, provider);
  }

  get timeZone(): string {
    return this.session.login.user.timeZone;
  }

  /** The clinic's today; a test that books on it sends `confirmPast`, as the hour may have gone by. */
  today(): string {
    return calendarDayIn(new Date(), this.timeZone);
  }

  yesterday(): string {
    return addDays(this.today(), -1);
  }

  /** The next unused slot on `day`, 15 minutes long (27 a day). */
  slotOn(day: string): Times {
    const slot = this.used.get(day) ?? 0;
    this.used.set(day, slot + 1);
    const startsAt = new Date(zonedTime(day, FIRST_SLOT, this.timeZone).getTime() + slot * SLOT_MINUTES * 60_000);
    return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString() };
  }

  /** Books as `as` (the clinic's session by default); the first patient and the provider unless told. */
  request(
    times: Times,
    more: Partial<CreateAppointmentRequest> = {},
    as = this.session,
  ): Promise<RestResponse<AppointmentSummary>> {
    return as.rest.post<AppointmentSummary>('/api/appointments', {
      patientId: this.patients[0].id,
      providerId: this.provider.id,
      type: 'skin-check',
      ...times,
      ...more,
    });
  }

  async book(times: Times, more: Partial<CreateAppointmentRequest> = {}): Promise<AppointmentSummary> {
    const response = await this.request(times, more);
    if (response.status !== 201)
      throw new Error(`Booking answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** A booking for today, confirmed whatever the hour. */
  bookToday(more: Partial<CreateAppointmentRequest> = {}): Promise<AppointmentSummary> {
    return this.book(this.slotOn(this.today()), { confirmPast: true, ...more });
  }

  /**
   * A barrier for "nothing arrived": books a new appointment and waits until `socket` hears of
   * it. The server sends one socket's events in order, so anything it was sent earlier has come too.
   */
  async barrier(socket: RealtimeTestClient): Promise<void> {
    const marker = await this.book(this.slotOn(FUTURE_DAY), { patientId: this.patients[this.patients.length - 1].id });
    await socket.waitFor('appointment:created', (e) => e.data.appointment.id === marker.id);
  }
}
