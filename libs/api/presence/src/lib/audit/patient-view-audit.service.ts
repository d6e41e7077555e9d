import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere, IsNull, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { clientLabel, sessionTag, UNKNOWN_CLIENT } from '@derm/api/http';
import { auditInterval, AuditSubjects, FORMER_STAFF_MEMBER, UNKNOWN_PATIENT } from '@derm/api/patients';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest, Transactions } from '@derm/api/database';
import { PatientViewAuditEntry } from '@derm/shared/contracts';
import { PresenceViewing } from '../store/presence-store';
import { AuditedConnection } from './audited-connection';
import { PatientViewAuditEntity } from './patient-view-audit.entity';
import { PatientViewAuditQuery } from './patient-view-audit.query';

type AuditFilters = Pick<PatientViewAuditQuery, 'patientId' | 'userId' | 'from' | 'to'>;

const NEWEST_FIRST: KeysetOrder<PatientViewAuditEntity> = { key: 'startedAt', direction: 'DESC', kind: 'date' };

/** Records every chart view when it starts and when it ends; only admins read it back. */
@Injectable()
export class PatientViewAuditService {
  constructor(
    private readonly transactions: Transactions,
    private readonly subjects: AuditSubjects,
  ) {}

  private get views(): Repository<PatientViewAuditEntity> {
    return this.transactions.repository(PatientViewAuditEntity);
  }

  opened(
    { tenantId, userId, patientId, socketId, startedAt }: PresenceViewing,
    { signInSessionId, userAgent }: AuditedConnection,
  ): Promise<void> {
    return this.transactions.run(async () => {
      await this.views.insert({
        id: randomUUID(),
        tenantId,
        userId,
        patientId,
        sessionId: socketId,
        signInSessionId,
        client: clientLabel(userAgent),
        startedAt,
      });
    });
  }

  closed(viewings: readonly PresenceViewing[], endedAt: Date): Promise<void> {
    return this.transactions.run(async () => {
      for (const { tenantId, patientId, socketId } of viewings) {
        await this.views.update({ tenantId, patientId, sessionId: socketId, endedAt: IsNull() }, { endedAt });
      }
    });
  }

  /**
   * Continues a view whose row was ended while its socket stayed in the patient's room (a sweep
   * took its node for dead), from that end on, so the audit has no gap; false when its row is
   * still open, or there is none. Its node and the sweeper may both continue it: they take turns
   * on the ended row, and the second finds the first's continuation.
   */
  resumed(viewing: PresenceViewing): Promise<boolean> {
    return this.transactions.run(async () => {
      const ended = await this.latestOf(viewing);
      if (!ended?.endedAt) return false;
      await this.transactions.lockOne(PatientViewAuditEntity, { id: ended.id });
      const latest = await this.latestOf(viewing);
      if (!latest?.endedAt) return false;
      await this.views.insert({ ...latest, id: randomUUID(), startedAt: latest.endedAt, endedAt: null });
      return true;
    });
  }

  private async latestOf({ tenantId, patientId, socketId }: PresenceViewing): Promise<PatientViewAuditEntity | null> {
    const [latest] = await this.views.find({
      where: { tenantId, patientId, sessionId: socketId },
      order: { startedAt: 'DESC' },
      take: 1,
    });
    return latest ?? null;
  }

  async search(tenantId: string, query: AuditFilters, page: PageRequest): Promise<Page<PatientViewAuditEntry>> {
    const { from, to } = auditInterval(query);
    const base: FindOptionsWhere<PatientViewAuditEntity> = {
      tenantId,
      ...(query.patientId ? { patientId: query.patientId } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(to ? { startedAt: LessThanOrEqual(to) } : {}),
    };
    const filters = from
      ? [
          { ...base, endedAt: IsNull() },
          { ...base, endedAt: MoreThanOrEqual(from) },
        ]
      : base;
    const rows = await this.views.find(keysetFind(filters, NEWEST_FIRST, page));
    const names = await this.subjects.namesOf(tenantId, rows);
    return keysetPage(rows, NEWEST_FIRST, page, (row) => ({
      userId: row.userId,
      userName: names.staff.get(row.userId) ?? FORMER_STAFF_MEMBER,
      patientId: row.patientId,
      patientName: names.patients.get(row.patientId) ?? UNKNOWN_PATIENT,
      client: row.client ?? UNKNOWN_CLIENT,
      // Views recorded before the sign-in was kept are told apart by their connection instead.
      session: sessionTag(row.signInSessionId ?? row.sessionId),
      startedAt: row.startedAt.toISOString(),
      ...(row.endedAt
        ? {
            endedAt: row.endedAt.toISOString(),
            durationSeconds: Math.max(0, Math.round((row.endedAt.getTime() - row.startedAt.getTime()) / 1000)),
          }
        : {}),
    }));
  }
}
