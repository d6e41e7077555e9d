import { randomUUID } from 'node:crypto';
import { TestDatabase } from './test-database';
import { writeToTestDatabase } from './test-database-writes';

export interface PatientRecord {
  displayName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  mrn: string;
}

const INSERT = 'INSERT INTO "patients" ("id", "tenantId", "displayName", "dateOfBirth", "mrn")';

/**
 * Adds patients to a clinic of a running API's database, as the EHR's import of a large clinic
 * would: the API itself has no route that creates patients.
 */
export async function addPatients(
  database: TestDatabase,
  tenantId: string,
  patients: readonly PatientRecord[],
): Promise<void> {
  const rows = patients.map(({ displayName, dateOfBirth, mrn }) => [
    randomUUID(),
    tenantId,
    displayName,
    dateOfBirth,
    mrn,
  ]);
  await writeToTestDatabase(database, {
    sqlite: { sql: `${INSERT} VALUES (?, ?, ?, ?, ?)`, rows },
    postgres: { sql: `${INSERT} VALUES ($1, $2, $3, $4, $5)`, rows },
  });
}
