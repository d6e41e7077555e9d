import { NotFoundException } from '@nestjs/common';
import { NotificationCreated } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { TaskEntity } from './task.entity';
import { TasksService } from './tasks.service';

const PAGE = { size: 50 };

describe('TasksService', () => {
  let tasks: TasksService;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith([TaskEntity], [TasksService]);
    tasks = clinic.moduleRef.get(TasksService);
    emitted = clinic.emitted;
  });

  it('persists the task and tells the assignee only, linking to the patient', async () => {
    const task = await tasks.create(asUser(staff.desk), {
      assigneeId: ids.nurse,
      title: ' Call back Mr. Blake ',
      patientId: ids.patient,
      dueAt: '2026-05-04T15:30:00.000Z',
    });
    expect(task).toMatchObject({
      title: 'Call back Mr. Blake',
      assigneeName: 'Nora Quinn',
      dueAt: '2026-05-04T15:30:00.000Z',
    });
    const [created] = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name);
    expect(created.recipientIds).toEqual([ids.nurse]);
    expect(created.actor).toEqual({ id: ids.desk, name: 'Felix Park' });
    expect(created.notification).toMatchObject({
      kind: 'task-assigned',
      priority: 'normal',
      title: 'New task: Call back Mr. Blake',
      body: 'From Felix Park, due 2026-05-04 15:30 UTC',
      link: `/patients/${ids.patient}`,
    });
    expect((await tasks.assignedTo(asUser(staff.nurse), PAGE)).items).toEqual([task]);
    expect((await tasks.assignedTo(asUser(staff.provider), PAGE)).items).toEqual([]);
  });

  it('refuses an assignee or patient of another clinic, telling no one', async () => {
    await expect(tasks.create(asUser(staff.desk), { assigneeId: ids.otherAdmin, title: 'x' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(
      tasks.create(asUser(staff.otherAdmin), { assigneeId: ids.otherAdmin, title: 'x', patientId: ids.patient }),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect(emitted).toEqual([]);
  });
});
