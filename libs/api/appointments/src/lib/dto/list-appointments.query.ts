import { Matches } from 'class-validator';

export class ListAppointmentsQuery {
  /** A day of the clinic's calendar, in its time zone. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;
}
