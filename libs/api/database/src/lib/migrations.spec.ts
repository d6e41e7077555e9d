import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@derm/shared/test-client';
import { MIGRATIONS } from '../migrations';
import { migrationDataSource } from './migration-data-source';
import { runMigrationsExclusively } from './run-migrations';

/**
 * Needs PostgreSQL (TEST_POSTGRES_URL, by default the local server's `test` database): the
 * migrations are what production runs, so they are checked against the real thing.
 */
describe('PostgreSQL migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataSource = await migrationDataSource(database.url).initialize();
  }, 60_000);
  // Dropping a database can take seconds on a loaded machine, past the default 5 s.
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  }, 60_000);

  it('are applied once even when several nodes start together', async () => {
    const nodes = await Promise.all([0, 1].map(() => migrationDataSource(database.url).initialize()));
    await Promise.all(nodes.map((node) => runMigrationsExclusively(node)));
    await Promise.all(nodes.map((node) => node.destroy()));
    const applied = await dataSource.query('SELECT name FROM migrations');
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(applied).toHaveLength(MIGRATIONS.length);
  }, 60_000);

  it('create exactly the schema the entities describe (else: npm run db:migration:generate -- <Name>)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  }, 60_000);

  it('revert to an empty schema', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables).toEqual([{ table_name: 'migrations' }]);
  }, 60_000);
});
