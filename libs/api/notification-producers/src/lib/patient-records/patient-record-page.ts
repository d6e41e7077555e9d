import { FindOptionsRelations, FindOptionsWhere, Repository } from 'typeorm';
import { KeysetOrder, keysetFind, keysetPage, Page, PageRequest } from '@derm/api/database';
import { PatientsService } from '@derm/api/patients';
import { PatientRecordEntity } from './patient-record.entity';

/**
 * A page of the clinic's records of one kind, of one patient when asked, each loaded with its
 * patient. A patient not of the clinic (another clinic's, an unknown id) is 404, as the threads'
 * listing answers it, rather than an empty page that reads as "no records".
 */
export async function patientRecordPage<E extends PatientRecordEntity, V>(
  records: Repository<E>,
  patients: PatientsService,
  { tenantId, patientId }: { tenantId: string; patientId?: string },
  order: KeysetOrder<E>,
  page: PageRequest,
  toView: (row: E) => V,
): Promise<Page<V>> {
  if (patientId) await patients.get(tenantId, patientId);
  // Generic entities need the casts: TypeORM types these options per concrete entity.
  const filter = { tenantId, ...(patientId ? { patientId } : {}) } as FindOptionsWhere<E>;
  const relations = { patient: true } as FindOptionsRelations<E>;
  const rows = await records.find({ ...keysetFind(filter, order, page), relations });
  return keysetPage(rows, order, page, toView);
}
