import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestDatabase } from './test-database';

export interface PatientRecord {
  displayName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  mrn: string;
}

const INSERT = 'INSERT INTO "patients" ("id", "tenantId", "displayName", "dateOfBirth", "mrn")';

/**
 * Adds patients to a clinic of a running API's database, as the EHR's import of a large clinic
 * would: the API itself has no route that creates patients. On SQLite it needs `better-sqlite3`
 * (an optional peer dependency of the package, loaded only here).
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
  if (database.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const sqlite = new Database(database.url.slice('sqlite:'.length), { timeout: 5000 });
    try {
      const insert = sqlite.prepare(`${INSERT} VALUES (?, ?, ?, ?, ?)`);
      sqlite.transaction(() => rows.forEach((row) => insert.run(row)))();
    } finally {
      sqlite.close();
    }
    return;
  }
  const postgres = new Client({ connectionString: database.url });
  await postgres.connect();
  try {
    for (const row of rows) await postgres.query(`${INSERT} VALUES ($1, $2, $3, $4, $5)`, row);
  } finally {
    await postgres.end();
  }
}
