import { BadRequestException, NotFoundException } from '@nestjs/common';
import { NotificationCreated } from '@derm/api/notifications';
import { asUser, clinicWith, eventsNamed, Emitted, ids, staff } from '@derm/api/notifications/testing';
import { LabResultEntity } from './lab-result.entity';
import { LabResultsService } from './lab-results.service';

const PAGE = { size: 50 };

describe('LabResultsService', () => {
  let results: LabResultsService;
  let emitted: Emitted[];

  beforeEach(async () => {
    const clinic = await clinicWith([LabResultEntity], [LabResultsService]);
    results = clinic.moduleRef.get(LabResultsService);
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
