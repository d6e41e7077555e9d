import { NotificationCreated } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { AnnouncementEntity } from './announcement.entity';
import { AnnouncementsService } from './announcements.service';

const PAGE = { size: 50 };

describe('AnnouncementsService', () => {
  let announcements: AnnouncementsService;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith([AnnouncementEntity], [AnnouncementsService]);
    announcements = clinic.moduleRef.get(AnnouncementsService);
    emitted = clinic.emitted;
  });

  it('notifies the whole clinic, delivered to the tenant room, and records how many it reached', async () => {
    const view = await announcements.create(asUser(staff.admin), { title: 'Closed Friday', body: 'Staff training' });
    expect(view).toMatchObject({ title: 'Closed Friday', recipients: 4, authorId: ids.admin });
    const [created] = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name);
    expect(created).toMatchObject({ tenantId: ids.tenant, wholeClinic: true });
    expect(created.recipientIds).toHaveLength(4);
    expect(created.notification).toMatchObject({ kind: 'announcement', priority: 'normal', body: 'Staff training' });
    expect((await announcements.recent(asUser(staff.nurse), PAGE)).items).toEqual([view]);
    expect((await announcements.recent(asUser(staff.otherAdmin), PAGE)).items).toEqual([]);
  });
});
