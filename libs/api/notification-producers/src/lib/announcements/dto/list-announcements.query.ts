import { PageQuery } from '@derm/api/database';

export const ANNOUNCEMENTS_PAGE = { defaultSize: 20, maxSize: 100 };

export class ListAnnouncementsQuery extends PageQuery(ANNOUNCEMENTS_PAGE) {}
