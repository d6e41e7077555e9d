import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, ILike, In, Raw, Repository } from 'typeorm';
import { holdsText, KeysetOrder, keysetFind, keysetPage, Page, PageRequest } from '@derm/api/database';
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

  /** By name; with `search`, those whose name holds it (accents and case aside) or whose MRN starts with it. */
  async list(tenantId: string, page: PageRequest, search?: string): Promise<Page<PatientSummary>> {
    const filters: FindOptionsWhere<PatientEntity>[] = search
      ? [
          {
            tenantId,
            displayName: Raw((name) => holdsText(name, 'search'), { search }),
          },
          { tenantId, mrn: ILike(`${search}%`) },
        ]
      : [{ tenantId }];
    const rows = await this.patients.find(keysetFind(filters, BY_NAME, page));
    return keysetPage(rows, BY_NAME, page, toPatientSummary);
  }

  /** Those of the ids that are the clinic's patients; another clinic's are left out. */
  async findMany(tenantId: string, ids: readonly string[]): Promise<PatientSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.patients.findBy({ tenantId, id: In([...ids]) });
    return rows.map(toPatientSummary);
  }

  /** A patient of another clinic is indistinguishable from one that does not exist. */
  async get(tenantId: string, id: string): Promise<PatientSummary> {
    const row = await this.patients.findOneBy({ tenantId, id });
    if (!row) throw new NotFoundException(`Patient ${id} not found`);
    return toPatientSummary(row);
  }
}
