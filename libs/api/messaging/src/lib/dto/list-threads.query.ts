import { PageQuery } from '@derm/api/database';

export const THREADS_PAGE = { defaultSize: 50, maxSize: 100 };

export class ListThreadsQuery extends PageQuery(THREADS_PAGE) {}
