import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthenticatedUser, requireActive, StaffDirectory, toActor } from '@derm/api/auth';
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
import { PatientsService } from '@derm/api/patients';
import { StaffMember, TaskView } from '@derm/shared/contracts';
import { CreateTaskDto } from './dto/create-task.dto';
import { noticeTitle } from '../notice-text';
import { TaskEntity } from './task.entity';
import { keyedCreate } from '../keyed-create';

const NEWEST_FIRST: KeysetOrder<TaskEntity> = { key: 'createdAt', direction: 'DESC', kind: 'date' };

/** Work handed from one staff member to another; the assignee is told at once. */
@Injectable()
export class TasksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly staff: StaffDirectory,
    private readonly patients: PatientsService,
    private readonly notifications: NotificationsService,
  ) {}

  private get tasks(): Repository<TaskEntity> {
    return this.transactions.repository(TaskEntity);
  }

  async assignedTo(user: AuthenticatedUser, page: PageRequest): Promise<Page<TaskView>> {
    const mine = { tenantId: user.tenantId, assigneeId: user.userId };
    const rows = await this.tasks.find(keysetFind(mine, NEWEST_FIRST, page));
    const me = { id: user.userId, name: user.name, role: user.role };
    return keysetPage(rows, NEWEST_FIRST, page, (row) => toTaskView(row, me));
  }

  /** With an idempotency key, a retry answers the first task and stores and notifies nothing more. */
  create(user: AuthenticatedUser, dto: CreateTaskDto, idempotencyKey?: string): Promise<TaskView> {
    return this.idempotent.run(keyedCreate(user, 'task:create', dto, idempotencyKey), async () => {
      const assignee = await this.staff.findOne(user.tenantId, dto.assigneeId);
      if (!assignee) throw new NotFoundException(`Staff member ${dto.assigneeId} not found`);
      requireActive([assignee]);
      if (dto.patientId) await this.patients.get(user.tenantId, dto.patientId);
      const row = this.tasks.create({
        id: randomUUID(),
        tenantId: user.tenantId,
        title: dto.title.trim(),
        assigneeId: assignee.id,
        createdById: user.userId,
        patientId: dto.patientId ?? null,
        dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
        createdAt: new Date(),
      });
      await this.tasks.insert(row);
      await this.notifications.notify({
        tenantId: user.tenantId,
        to: { userIds: [assignee.id] },
        kind: 'task-assigned',
        priority: 'normal',
        title: noticeTitle('New task', row.title),
        body: row.dueAt ? `From ${user.name}, due ${utcMinute(row.dueAt)}` : `From ${user.name}`,
        link: row.patientId ? `/patients/${row.patientId}` : '/notifications',
        actor: toActor(user),
      });
      return toTaskView(row, assignee);
    });
  }
}

const utcMinute = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const toTaskView = (row: TaskEntity, assignee: StaffMember): TaskView => ({
  id: row.id,
  title: row.title,
  assigneeId: row.assigneeId,
  assigneeName: assignee.name,
  createdById: row.createdById,
  ...(row.patientId ? { patientId: row.patientId } : {}),
  ...(row.dueAt ? { dueAt: row.dueAt.toISOString() } : {}),
  createdAt: row.createdAt.toISOString(),
});
