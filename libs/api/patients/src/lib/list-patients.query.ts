import { PageQuery } from '@derm/api/database';

export const PATIENTS_PAGE = { defaultSize: 200, maxSize: 500 };

export class ListPatientsQuery extends PageQuery(PATIENTS_PAGE) {}
