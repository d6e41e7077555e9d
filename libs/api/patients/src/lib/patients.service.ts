import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PatientSummary } from '@derm/shared/contracts';
import { PatientEntity } from './patient.entity';

export const toPatientSummary = ({ id, displayName, dateOfBirth, mrn }: PatientEntity): PatientSummary => ({
  id,
  displayName,
  dateOfBirth,
  mrn,
});

@Injectable()
export class PatientsService {
  constructor(@InjectRepository(PatientEntity) private readonly patients: Repository<PatientEntity>) {}

  async list(tenantId: string): Promise<PatientSummary[]> {
    const rows = await this.patients.find({ where: { tenantId }, order: { displayName: 'ASC' } });
    return rows.map(toPatientSummary);
  }

  /** A patient of another clinic is indistinguishable from one that does not exist. */
  async get(tenantId: string, id: string): Promise<PatientSummary> {
    const row = await this.patients.findOneBy({ tenantId, id });
    if (!row) throw new NotFoundException(`Patient ${id} not found`);
    return toPatientSummary(row);
  }
}
