import { PageQuery } from '@derm/api/database';
import { IsCalendarDay } from '@derm/api/http';

/** A busy clinic's day fits in one default page; the portal follows the cursor beyond it. */
export const APPOINTMENTS_PAGE = { defaultSize: 200, maxSize: 500 };

export class ListAppointmentsQuery extends PageQuery(APPOINTMENTS_PAGE) {
  /** A day of the clinic's calendar, in its time zone. */
  @IsCalendarDay()
  date!: string;
}
