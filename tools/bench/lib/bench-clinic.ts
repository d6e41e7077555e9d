import { hash } from 'bcryptjs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { StaffRole } from '@derm/shared/contracts';
import { TestDatabase } from '@derm/shared/test-client';

export const BENCH_PASSWORD = 'bench-password';
const ROLES: StaffRole[] = [
  'provider',
  'nurse',
  'front-desk',
  'nurse',
  'provider',
  'front-desk',
  'nurse',
  'provider',
  'front-desk',
  'admin',
];

export interface BenchStaff {
  id: string;
  email: string;
  role: StaffRole;
}

export interface BenchClinic {
  tenantId: string;
  staff: BenchStaff[];
  patientIds: string[];
}

type Row = Record<string, string | number>;

/**
 * A clinic of its own for the benchmark, written straight into the API's database after the API
 * created the schema, so that the demo seed stays small: `staffCount` accounts (mixed roles, one
 * password) and a few patients. It is never part of the production demo data.
 */
export async function seedBenchClinic(database: TestDatabase, staffCount: number): Promise<BenchClinic> {
  const tenantId = randomUUID();
  const run = randomUUID().slice(0, 8);
  // A cheap hash: signing in N/10 accounts must not dominate the run (login-storm signs in to
  // the demo accounts, whose hashes have the production cost).
  const passwordHash = await hash(BENCH_PASSWORD, 4);
  const staff: BenchStaff[] = Array.from({ length: staffCount }, (_, i) => ({
    id: randomUUID(),
    email: `staff${i}.${run}@bench.test`,
    role: ROLES[i % ROLES.length],
  }));
  const patientIds = Array.from({ length: 20 }, () => randomUUID());
  const tables: [string, Row[]][] = [
    ['tenants', [{ id: tenantId, name: 'Bench Dermatology', status: 'active' }]],
    [
      'staff_members',
      staff.map(({ id, email, role }, i) => ({ id, tenantId, email, role, name: `Bench Staff ${i}`, passwordHash })),
    ],
    [
      'patients',
      patientIds.map((id, i) => ({
        id,
        tenantId,
        displayName: `Bench Patient ${i}`,
        dateOfBirth: '1980-01-01',
        mrn: `BEN-${1001 + i}`,
      })),
    ],
  ];
  await insertRows(database, tables);
  return { tenantId, staff, patientIds };
}

async function insertRows(database: TestDatabase, tables: [string, Row[]][]): Promise<void> {
  const dataSource = new DataSource(
    database.kind === 'sqlite'
      ? { type: 'better-sqlite3', database: database.url.replace(/^sqlite:/, '') }
      : { type: 'postgres', url: database.url },
  );
  await dataSource.initialize();
  const placeholder = (i: number) => (database.kind === 'sqlite' ? '?' : `$${i + 1}`);
  try {
    await dataSource.transaction(async (manager) => {
      for (const [table, rows] of tables) {
        const columns = Object.keys(rows[0]);
        const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => placeholder(i)).join(', ')})`;
        for (const row of rows)
          await manager.query(
            sql,
            columns.map((c) => row[c]),
          );
      }
    });
  } finally {
    await dataSource.destroy();
  }
}
