import { PageQuery } from '@derm/api/database';

export const ALERTS_PAGE = { defaultSize: 20, maxSize: 100 };

export class ListAlertsQuery extends PageQuery(ALERTS_PAGE) {}
