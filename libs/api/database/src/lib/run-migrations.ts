import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Any constant shared by every node of the deployment: the key of PostgreSQL's advisory lock. */
const MIGRATION_LOCK_KEY = 4_240_117;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so nodes starting together
 * (a rolling deploy) apply each migration once and none serves before the schema is current.
 */
export async function runMigrationsExclusively(dataSource: DataSource, logger = new Logger('Database')): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
