import { TestDatabase } from './test-database';
import { writeToTestDatabase } from './test-database-writes';

/** What the audit table refuses while it is "unavailable": the ends of rows, or new rows. */
export type AuditChange = 'UPDATE' | 'INSERT';

const statementsOf = (kind: TestDatabase['kind'], change: AuditChange) =>
  kind === 'sqlite'
    ? [
        `CREATE TRIGGER audit_unavailable BEFORE ${change} ON patient_view_audit
         BEGIN SELECT RAISE(ABORT, 'the audit is unavailable'); END`,
      ]
    : [
        `CREATE OR REPLACE FUNCTION audit_unavailable() RETURNS trigger LANGUAGE plpgsql
         AS $f$ BEGIN RAISE EXCEPTION 'the audit is unavailable'; END $f$`,
        `CREATE TRIGGER audit_unavailable BEFORE ${change} ON patient_view_audit
         FOR EACH ROW EXECUTE FUNCTION audit_unavailable()`,
      ];

async function run(database: TestDatabase, statements: string[]): Promise<void> {
  for (const sql of statements) {
    await writeToTestDatabase(database, { sqlite: { sql, rows: [[]] }, postgres: { sql, rows: [[]] } });
  }
}

/**
 * The chart-view audit's database failing a moment, as the API sees it: every `change` to its
 * table fails (reads go on), until {@link auditBack}.
 */
export const auditFailing = (database: TestDatabase, change: AuditChange) =>
  run(database, statementsOf(database.kind, change));

export const auditBack = (database: TestDatabase) =>
  run(database, [
    database.kind === 'sqlite'
      ? 'DROP TRIGGER audit_unavailable'
      : 'DROP TRIGGER audit_unavailable ON patient_view_audit',
  ]);
