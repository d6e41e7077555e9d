import { PageQuery } from '@derm/api/database';

export const TASKS_PAGE = { defaultSize: 100, maxSize: 200 };

export class ListTasksQuery extends PageQuery(TASKS_PAGE) {}
