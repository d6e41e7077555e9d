import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthenticatedUser, StaffDirectory, toActor } from '@derm/api/auth';
import { KeysetOrder, Page, PageRequest, IdempotentWrites, Transactions } from '@derm/api/database';
import { NotificationsService } from '@derm/api/notifications';
import { PatientsService } from '@derm/api/patients';
import { PriorAuthView } from '@derm/shared/contracts';
import { CreatePriorAuthDto } from './dto/create-prior-auth.dto';
import { UpdatePriorAuthDto } from './dto/update-prior-auth.dto';
import { patientRecordPage } from '../patient-records/patient-record-page';
import { PatientRecordParties } from '../patient-records/patient-record-parties';
import { priorAuthNotice } from './prior-auth-notice';
import { PriorAuthEntity } from './prior-auth.entity';
import { keyedCreate } from '../keyed-create';

const WITH_PATIENT = { patient: true } as const;
const LATEST_CHANGE_FIRST: KeysetOrder<PriorAuthEntity> = { key: 'updatedAt', direction: 'DESC', kind: 'date' };

/** Prior authorizations by status; every change of status is told to the provider, while they are active. */
@Injectable()
export class PriorAuthsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly idempotent: IdempotentWrites,
    private readonly parties: PatientRecordParties,
    private readonly patients: PatientsService,
    private readonly staff: StaffDirectory,
    private readonly notifications: NotificationsService,
  ) {}

  private get priorAuths(): Repository<PriorAuthEntity> {
    return this.transactions.repository(PriorAuthEntity);
  }

  /** A status change moves a prior authorization up: a client paging meanwhile may see it twice. */
  list(user: AuthenticatedUser, patientId: string | undefined, page: PageRequest): Promise<Page<PriorAuthView>> {
    return patientRecordPage(
      this.priorAuths,
      this.patients,
      { tenantId: user.tenantId, patientId },
      LATEST_CHANGE_FIRST,
      page,
      toPriorAuthView,
    );
  }

  async get(user: AuthenticatedUser, id: string): Promise<PriorAuthView> {
    return toPriorAuthView(await this.load(user.tenantId, id));
  }

  /** With an idempotency key, a retry answers the first prior authorization and stores nothing more. */
  create(user: AuthenticatedUser, dto: CreatePriorAuthDto, idempotencyKey?: string): Promise<PriorAuthView> {
    return this.idempotent.run(keyedCreate(user, 'prior-auth:create', dto, idempotencyKey), async () => {
      await this.parties.of(user.tenantId, dto.patientId, dto.providerId);
      const now = new Date();
      const id = randomUUID();
      await this.priorAuths.insert({
        id,
        tenantId: user.tenantId,
        patientId: dto.patientId,
        providerId: dto.providerId,
        procedure: dto.procedure.trim(),
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      });
      return toPriorAuthView(await this.load(user.tenantId, id));
    });
  }

  /**
   * Setting the current status again changes nothing and tells no one; an approval is final.
   * Changes to one request take turns, so two at once never both pass these checks.
   */
  updateStatus(user: AuthenticatedUser, id: string, { status }: UpdatePriorAuthDto): Promise<PriorAuthView> {
    return this.transactions.run(async () => {
      await this.transactions.lockOne(PriorAuthEntity, { tenantId: user.tenantId, id });
      const row = await this.load(user.tenantId, id);
      if (row.status === status) return toPriorAuthView(row);
      if (row.status === 'approved') throw new ConflictException('An approved prior authorization is final');
      await this.priorAuths.update({ id, tenantId: user.tenantId }, { status, updatedAt: new Date() });
      const updated = await this.load(user.tenantId, id);
      // The clinic still follows the request of a provider deactivated since; they are told nothing.
      const provider = await this.staff.findOne(user.tenantId, updated.providerId);
      if (provider?.active) {
        await this.notifications.notify({
          tenantId: user.tenantId,
          to: { userIds: [provider.id] },
          actor: toActor(user),
          ...priorAuthNotice(updated),
        });
      }
      return toPriorAuthView(updated);
    });
  }

  private async load(tenantId: string, id: string): Promise<PriorAuthEntity> {
    const row = await this.priorAuths.findOne({ where: { tenantId, id }, relations: WITH_PATIENT });
    if (!row) throw new NotFoundException(`Prior authorization ${id} not found`);
    return row;
  }
}

const toPriorAuthView = (row: PriorAuthEntity): PriorAuthView => ({
  id: row.id,
  patientId: row.patientId,
  patientName: row.patient.displayName,
  providerId: row.providerId,
  procedure: row.procedure,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
