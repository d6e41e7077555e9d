import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { And, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest, Transactions } from '@derm/api/database';
import { clientLabel, sessionTag } from '@derm/api/http';
import { PatientRecordRead, PatientRecordReadEntry } from '@derm/shared/contracts';
import { auditInterval } from '../audit/audit-interval';
import { AuditQuery } from '../audit/audit.query';
import { AuditSubjects, FORMER_STAFF_MEMBER, UNKNOWN_PATIENT } from '../audit/audit-subjects.service';
import { PatientRecordReadEntity } from './patient-record-read.entity';

/** A read to record: by whom, in which sign-in and client, of which patient (none for the list). */
export interface RecordedRead {
  tenantId: string;
  userId: string;
  patientId: string | null;
  read: PatientRecordRead;
  signInSessionId: string;
  userAgent: string | undefined;
}

type AuditFilters = Pick<AuditQuery, 'patientId' | 'userId' | 'from' | 'to'>;

const NEWEST_FIRST: KeysetOrder<PatientRecordReadEntity> = { key: 'readAt', direction: 'DESC', kind: 'date' };

/** The access log of REST reads of patients' records: written as each read succeeds, read back by admins. */
@Injectable()
export class PatientRecordReads {
  constructor(
    private readonly transactions: Transactions,
    private readonly subjects: AuditSubjects,
  ) {}

  private get reads(): Repository<PatientRecordReadEntity> {
    return this.transactions.repository(PatientRecordReadEntity);
  }

  record({ tenantId, userId, patientId, read, signInSessionId, userAgent }: RecordedRead): Promise<void> {
    return this.transactions.run(async () => {
      await this.reads.insert({
        id: randomUUID(),
        tenantId,
        userId,
        patientId,
        kind: read,
        signInSessionId,
        client: clientLabel(userAgent),
        readAt: new Date(),
      });
    });
  }

  async search(tenantId: string, query: AuditFilters, page: PageRequest): Promise<Page<PatientRecordReadEntry>> {
    const { from, to } = auditInterval(query);
    const readAt =
      from && to
        ? And(MoreThanOrEqual(from), LessThanOrEqual(to))
        : from
          ? MoreThanOrEqual(from)
          : to && LessThanOrEqual(to);
    const where: FindOptionsWhere<PatientRecordReadEntity> = {
      tenantId,
      ...(query.patientId ? { patientId: query.patientId } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(readAt ? { readAt } : {}),
    };
    const rows = await this.reads.find(keysetFind(where, NEWEST_FIRST, page));
    const names = await this.subjects.namesOf(tenantId, rows);
    return keysetPage(rows, NEWEST_FIRST, page, (row) => ({
      userId: row.userId,
      userName: names.staff.get(row.userId) ?? FORMER_STAFF_MEMBER,
      ...(row.patientId
        ? { patientId: row.patientId, patientName: names.patients.get(row.patientId) ?? UNKNOWN_PATIENT }
        : {}),
      read: row.kind,
      client: row.client,
      session: sessionTag(row.signInSessionId),
      at: row.readAt.toISOString(),
    }));
  }
}
