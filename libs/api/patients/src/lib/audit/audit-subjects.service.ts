import { Injectable, NotFoundException } from '@nestjs/common';
import { StaffDirectory } from '@derm/api/auth';
import { PatientsService } from '../patients.service';
import { AuditQuery } from './audit.query';

/** Who and whom an audit row names: what both audits ask of the clinic's staff and patients. */
export interface AuditedRow {
  userId: string;
  patientId: string | null;
}

export interface AuditNames {
  staff: Map<string, string>;
  patients: Map<string, string>;
}

export const FORMER_STAFF_MEMBER = 'Former staff member';
export const UNKNOWN_PATIENT = 'Unknown patient';

/** The staff members and patients an audit is filtered by and names, looked up in the reader's clinic. */
@Injectable()
export class AuditSubjects {
  constructor(
    private readonly staff: StaffDirectory,
    private readonly patients: PatientsService,
  ) {}

  /** A filter by a stranger is 404, as other routes answer it, rather than an audit that reads as "nothing happened". */
  async checkFilters(tenantId: string, { patientId, userId }: Pick<AuditQuery, 'patientId' | 'userId'>): Promise<void> {
    if (patientId) await this.patients.get(tenantId, patientId);
    if (userId && !(await this.staff.findOne(tenantId, userId))) {
      throw new NotFoundException(`Staff member ${userId} not found`);
    }
  }

  /** Names as the clinic knows them now; a row's former staff member or gone patient is missing. */
  async namesOf(tenantId: string, rows: readonly AuditedRow[]): Promise<AuditNames> {
    const patientIds = rows.map((row) => row.patientId).filter((id): id is string => id !== null);
    const [members, patients] = await Promise.all([
      this.staff.findMany(tenantId, [...new Set(rows.map((row) => row.userId))]),
      this.patients.findMany(tenantId, [...new Set(patientIds)]),
    ]);
    return {
      staff: new Map(members.map((member) => [member.id, member.name])),
      patients: new Map(patients.map((patient) => [patient.id, patient.displayName])),
    };
  }
}
