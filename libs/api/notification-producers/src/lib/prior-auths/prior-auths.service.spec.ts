import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { NotificationCreated } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { PriorAuthEntity } from './prior-auth.entity';
import { PatientRecordParties } from '../patient-records/patient-record-parties';
import { PriorAuthsService } from './prior-auths.service';

const nurse = asUser(staff.nurse);

describe('PriorAuthsService', () => {
  let priorAuths: PriorAuthsService;
  let staffMembers: Repository<StaffMemberEntity>;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith([PriorAuthEntity], [PriorAuthsService, PatientRecordParties]);
    priorAuths = clinic.moduleRef.get(PriorAuthsService);
    staffMembers = clinic.moduleRef.get(getRepositoryToken(StaffMemberEntity));
    emitted = clinic.emitted;
  });

  const draft = () =>
    priorAuths.create(nurse, { patientId: ids.patient, providerId: ids.provider, procedure: 'Mohs surgery' });
  const notices = () => eventsNamed<NotificationCreated>(emitted, NotificationCreated.name);

  it('creates a draft quietly, then tells the provider of each status change with its priority', async () => {
    const { id, status } = await draft();
    expect(status).toBe('draft');
    expect(notices()).toEqual([]);

    for (const next of ['submitted', 'more-info-needed', 'denied', 'approved'] as const) {
      await priorAuths.updateStatus(nurse, id, { status: next });
    }
    expect(notices().map((n) => [n.notification.title, n.notification.priority])).toEqual([
      ['Prior authorization submitted: Mohs surgery', 'normal'],
      ['Prior authorization needs more information: Mohs surgery', 'high'],
      ['Prior authorization denied: Mohs surgery', 'high'],
      ['Prior authorization approved: Mohs surgery', 'normal'],
    ]);
    expect(
      notices().every((n) => n.recipientIds.join() === ids.provider && n.notification.body === 'Jordan Blake'),
    ).toBe(true);
  });

  it('tells no one when the status does not change, and keeps an approval final', async () => {
    const { id } = await draft();
    await priorAuths.updateStatus(nurse, id, { status: 'approved' });
    await priorAuths.updateStatus(nurse, id, { status: 'approved' });
    expect(notices()).toHaveLength(1);
    await expect(priorAuths.updateStatus(nurse, id, { status: 'denied' })).rejects.toBeInstanceOf(ConflictException);
  });

  it('refuses a deactivated provider; one deactivated since keeps their requests moving, told nothing', async () => {
    const { id } = await draft();
    await staffMembers.update(ids.provider, { active: false });

    await expect(draft()).rejects.toThrow(new ConflictException('Dr. Ana Ortiz is no longer active in this clinic'));
    expect(await priorAuths.updateStatus(nurse, id, { status: 'submitted' })).toMatchObject({ status: 'submitted' });
    expect(notices()).toEqual([]);
  });

  it('needs a provider of the same clinic', async () => {
    await expect(
      priorAuths.create(nurse, { patientId: ids.patient, providerId: ids.nurse, procedure: 'x' }),
    ).rejects.toBeInstanceOf(BadRequestException);
    const { id } = await draft();
    await expect(priorAuths.updateStatus(asUser(staff.otherAdmin), id, { status: 'submitted' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});
