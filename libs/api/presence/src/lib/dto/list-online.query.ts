import { PageQuery } from '@derm/api/database';

export const ONLINE_PAGE = { defaultSize: 200, maxSize: 500 };

export class ListOnlineQuery extends PageQuery(ONLINE_PAGE) {}
