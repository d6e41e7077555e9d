import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthenticatedUser, toActor } from '@derm/api/auth';
import { KeysetOrder, Page, PageRequest, IdempotentWrites, Transactions } from '@derm/api/database';
import { NotificationsService } from '@derm/api/notifications';
import { PatientsService } from '@derm/api/patients';
import { LabResultView } from '@derm/shared/contracts';
import { CreateLabResultDto } from './dto/create-lab-result.dto';
import { noticeTitle } from '../notice-text';
import { patientRecordPage } from '../patient-records/patient-record-page';
import { PatientRecordParties } from '../patient-records/patient-record-parties';
import { LabResultEntity } from './lab-result.entity';
import { keyedCreate } from '../keyed-create';

const NEWEST_FIRST: KeysetOrder<LabResultEntity> = { key: 'readyAt', direction: 'DESC', kind: 'date' };

/** Results ready for review; the ordering provider hears of each, by patient and test only. */
@Injectable()
export class LabResultsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly parties: PatientRecordParties,
    private readonly patients: PatientsService,
    private readonly notifications: NotificationsService,
  ) {}

  private get results(): Repository<LabResultEntity> {
    return this.transactions.repository(LabResultEntity);
  }

  list(user: AuthenticatedUser, patientId: string | undefined, page: PageRequest): Promise<Page<LabResultView>> {
    return patientRecordPage(
      this.results,
      this.patients,
      { tenantId: user.tenantId, patientId },
      NEWEST_FIRST,
      page,
      (row) => toLabResultView(row, row.patient.displayName),
    );
  }

  /** With an idempotency key, a retry answers the first lab result and stores and notifies nothing more. */
  create(user: AuthenticatedUser, dto: CreateLabResultDto, idempotencyKey?: string): Promise<LabResultView> {
    return this.idempotent.run(keyedCreate(user, 'lab-result:file', dto, idempotencyKey), async () => {
      const { patient, provider } = await this.parties.of(user.tenantId, dto.patientId, dto.orderingProviderId);
      const row = this.results.create({
        id: randomUUID(),
        tenantId: user.tenantId,
        patientId: patient.id,
        orderingProviderId: provider.id,
        testName: dto.testName.trim(),
        readyAt: new Date(),
      });
      await this.results.insert(row);
      await this.notifications.notify({
        tenantId: user.tenantId,
        to: { userIds: [provider.id] },
        kind: 'lab-result-ready',
        priority: 'high',
        title: noticeTitle('Lab result ready', row.testName),
        body: patient.displayName,
        link: `/patients/${patient.id}`,
        actor: toActor(user),
      });
      return toLabResultView(row, patient.displayName);
    });
  }
}

const toLabResultView = (row: LabResultEntity, patientName: string): LabResultView => ({
  id: row.id,
  patientId: row.patientId,
  patientName,
  orderingProviderId: row.orderingProviderId,
  testName: row.testName,
  readyAt: row.readyAt.toISOString(),
});
