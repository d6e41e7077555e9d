import { PageQuery } from '@derm/api/database';

/** A patient's visits to come rarely pass a page; the portal follows the cursor beyond it. */
export const PATIENT_VISITS_PAGE = { defaultSize: 50, maxSize: 200 };

export class ListPatientVisitsQuery extends PageQuery(PATIENT_VISITS_PAGE) {}
