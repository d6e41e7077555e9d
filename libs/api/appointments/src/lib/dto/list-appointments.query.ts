import { Matches } from 'class-validator';
import { PageQuery } from '@derm/api/database';

/** A busy clinic's day fits in one default page; the portal follows the cursor beyond it. */
export const APPOINTMENTS_PAGE = { defaultSize: 200, maxSize: 500 };

export class ListAppointmentsQuery extends PageQuery(APPOINTMENTS_PAGE) {
  /** A day of the clinic's calendar, in its time zone. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;
}
