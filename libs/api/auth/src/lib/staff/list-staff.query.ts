import { PageQuery } from '@derm/api/database';

export const STAFF_PAGE = { defaultSize: 200, maxSize: 500 };

export class ListStaffQuery extends PageQuery(STAFF_PAGE) {}
