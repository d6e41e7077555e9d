import { getMetadataArgsStorage } from 'typeorm';
import { PATIENT_RECORD_READS } from '@derm/shared/contracts';
import { PatientRecordReadEntity } from './patient-record-read.entity';

describe('PatientRecordReadEntity', () => {
  it('has room in its kind column for every read kind (PostgreSQL refuses a longer one)', () => {
    const kind = getMetadataArgsStorage().columns.find(
      (column) => column.target === PatientRecordReadEntity && column.propertyName === 'kind',
    );
    const width = Number(kind?.options.length);
    expect(width).toBeGreaterThan(0);
    expect(PATIENT_RECORD_READS.filter((read) => read.length > width)).toEqual([]);
  });
});
