import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthenticatedUser, toActor } from '@derm/api/auth';
import {
  KeysetOrder,
  keysetFind,
  keysetPage,
  Page,
  PageRequest,
  IdempotentWrites,
  Transactions,
} from '@derm/api/database';
import { NotificationsService } from '@derm/api/notifications';
import { AnnouncementView } from '@derm/shared/contracts';
import { AnnouncementEntity } from './announcement.entity';
import { CreateAnnouncementDto } from './dto/create-announcement.dto';
import { keyedCreate } from '../keyed-create';

const NEWEST_FIRST: KeysetOrder<AnnouncementEntity> = { key: 'createdAt', direction: 'DESC', kind: 'date' };

/** Clinic-wide news from an admin: one notification for every staff member of the clinic. */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly notifications: NotificationsService,
  ) {}

  private get announcements(): Repository<AnnouncementEntity> {
    return this.transactions.repository(AnnouncementEntity);
  }

  async recent(user: AuthenticatedUser, page: PageRequest): Promise<Page<AnnouncementView>> {
    const rows = await this.announcements.find(keysetFind({ tenantId: user.tenantId }, NEWEST_FIRST, page));
    return keysetPage(rows, NEWEST_FIRST, page, toAnnouncementView);
  }

  /** With an idempotency key, a retry answers the first announcement and stores and notifies nothing more. */
  create(user: AuthenticatedUser, dto: CreateAnnouncementDto, idempotencyKey?: string): Promise<AnnouncementView> {
    return this.idempotent.run(keyedCreate(user, 'announcement:post', dto, idempotencyKey), async () => {
      const row = this.announcements.create({
        id: randomUUID(),
        tenantId: user.tenantId,
        title: dto.title.trim(),
        body: dto.body.trim(),
        authorId: user.userId,
        createdAt: new Date(),
      });
      await this.announcements.insert(row);
      const { recipientIds } = await this.notifications.notify({
        tenantId: user.tenantId,
        to: { wholeClinic: true },
        kind: 'announcement',
        priority: 'normal',
        title: row.title,
        body: row.body,
        link: '/notifications',
        actor: toActor(user),
      });
      row.recipients = recipientIds.length;
      await this.announcements.update({ id: row.id, tenantId: row.tenantId }, { recipients: row.recipients });
      return toAnnouncementView(row);
    });
  }
}

const toAnnouncementView = (row: AnnouncementEntity): AnnouncementView => ({
  id: row.id,
  title: row.title,
  body: row.body,
  authorId: row.authorId,
  createdAt: row.createdAt.toISOString(),
  recipients: row.recipients,
});
