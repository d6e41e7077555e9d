import { TestDatabase } from './test-database';
import { writeToTestDatabase } from './test-database-writes';

/** What the audit table refuses while it is "unavailable": the ends of rows, or new rows. */
export type AuditChange = 'UPDATE' | 'INSERT';

/** The audit tables a test can make fail: chart views, or REST reads of patients' records. */
export type AuditTable = 'patient_view_audit' | 'patient_record_reads';

const statementsOf = (kind: TestDatabase['kind'], change: AuditChange, table: AuditTable) =>
  kind === 'sqlite'
    ? [
        `CREATE TRIGGER audit_unavailable BEFORE ${change} ON ${table}
         BEGIN SELECT RAISE(ABORT, 'the audit is unavailable'); END`,
      ]
    : [
        `CREATE OR REPLACE FUNCTION audit_unavailable() RETURNS trigger LANGUAGE plpgsql
         AS $f$ BEGIN RAISE EXCEPTION 'the audit is unavailable'; END $f$`,
        `CREATE TRIGGER audit_unavailable BEFORE ${change} ON ${table}
         FOR EACH ROW EXECUTE FUNCTION audit_unavailable()`,
      ];

async function run(database: TestDatabase, statements: string[]): Promise<void> {
  for (const sql of statements) {
    await writeToTestDatabase(database, { sqlite: { sql, rows: [[]] }, postgres: { sql, rows: [[]] } });
  }
}

/**
 * An audit's database failing a moment, as the API sees it: every `change` to its table fails
 * (reads go on), until {@link auditBack}.
 */
export const auditFailing = (database: TestDatabase, change: AuditChange, table: AuditTable = 'patient_view_audit') =>
  run(database, statementsOf(database.kind, change, table));

export const auditBack = (database: TestDatabase, table: AuditTable = 'patient_view_audit') =>
  run(database, [
    database.kind === 'sqlite' ? 'DROP TRIGGER audit_unavailable' : `DROP TRIGGER audit_unavailable ON ${table}`,
  ]);
