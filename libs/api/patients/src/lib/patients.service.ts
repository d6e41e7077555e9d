import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest } from '@derm/api/database';
import { PatientSummary } from '@derm/shared/contracts';
import { PatientEntity } from './patient.entity';

export const toPatientSummary = ({ id, displayName, dateOfBirth, mrn }: PatientEntity): PatientSummary => ({
  id,
  displayName,
  dateOfBirth,
  mrn,
});

const BY_NAME: KeysetOrder<PatientEntity> = { key: 'displayName', direction: 'ASC', kind: 'text' };

@Injectable()
export class PatientsService {
  constructor(@InjectRepository(PatientEntity) private readonly patients: Repository<PatientEntity>) {}

  async list(tenantId: string, page: PageRequest): Promise<Page<PatientSummary>> {
    const rows = await this.patients.find(keysetFind({ tenantId }, BY_NAME, page));
    return keysetPage(rows, BY_NAME, page, toPatientSummary);
  }

  /** A patient of another clinic is indistinguishable from one that does not exist. */
  async get(tenantId: string, id: string): Promise<PatientSummary> {
    const row = await this.patients.findOneBy({ tenantId, id });
    if (!row) throw new NotFoundException(`Patient ${id} not found`);
    return toPatientSummary(row);
  }
}
