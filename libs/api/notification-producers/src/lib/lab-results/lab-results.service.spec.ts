import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { NotificationCreated } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { LabResultEntity } from './lab-result.entity';
import { PatientRecordParties } from '../patient-records/patient-record-parties';
import { LabResultsService } from './lab-results.service';

const PAGE = { size: 50 };

describe('LabResultsService', () => {
  let results: LabResultsService;
  let staffMembers: Repository<StaffMemberEntity>;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith([LabResultEntity], [LabResultsService, PatientRecordParties]);
    results = clinic.moduleRef.get(LabResultsService);
    staffMembers = clinic.moduleRef.get(getRepositoryToken(StaffMemberEntity));
    emitted = clinic.emitted;
  });

  it('tells the ordering provider, high priority, naming only the patient and the test', async () => {
    const result = await results.create(asUser(staff.nurse), {
      patientId: ids.patient,
      orderingProviderId: ids.provider,
      testName: 'Skin biopsy',
    });
    expect(result).toMatchObject({ patientName: 'Jordan Blake', testName: 'Skin biopsy' });
    const [created] = eventsNamed<NotificationCreated>(emitted, NotificationCreated.name);
    expect(created.recipientIds).toEqual([ids.provider]);
    expect(created.notification).toEqual({
      id: expect.any(String),
      kind: 'lab-result-ready',
      title: 'Lab result ready: Skin biopsy',
      body: 'Jordan Blake',
      priority: 'high',
      link: `/patients/${ids.patient}`,
      createdAt: expect.any(String),
      requiresAck: false,
    });
    expect((await results.list(asUser(staff.provider), ids.patient, PAGE)).items).toEqual([result]);
  });

  it('refuses a deactivated ordering provider, naming them, and tells no one', async () => {
    await staffMembers.update(ids.provider, { active: false });
    await expect(
      results.create(asUser(staff.nurse), {
        patientId: ids.patient,
        orderingProviderId: ids.provider,
        testName: 'CBC',
      }),
    ).rejects.toThrow(new ConflictException('Dr. Ana Ortiz is no longer active in this clinic'));
    expect(await results.list(asUser(staff.nurse), ids.patient, PAGE)).toMatchObject({ items: [] });
    expect(emitted).toEqual([]);
  });

  it('needs a provider and a patient of the same clinic', async () => {
    await expect(
      results.create(asUser(staff.nurse), { patientId: ids.patient, orderingProviderId: ids.nurse, testName: 'CBC' }),
    ).rejects.toBeInstanceOf(BadRequestException);
    await expect(
      results.create(asUser(staff.otherAdmin), {
        patientId: ids.patient,
        orderingProviderId: ids.provider,
        testName: 'CBC',
      }),
    ).rejects.toBeInstanceOf(NotFoundException);
    expect(emitted).toEqual([]);
  });
});
