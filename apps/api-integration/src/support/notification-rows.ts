import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TestDatabase } from '@derm/shared/test-client';

const COLUMNS =
  '"id", "tenantId", "notificationId", "recipientId", "kind", "title", "priority", "requiresAck", "createdAt"';

/**
 * Stores `count` unread general notices for one person straight into a running API's database:
 * more than the API could create in a test's time, to reach sizes no route would be asked for at once.
 */
export async function addUnreadNotices(
  database: TestDatabase,
  tenantId: string,
  recipientId: string,
  count: number,
): Promise<void> {
  if (database.kind === 'sqlite') {
    const sqlite = new Database(database.url.slice('sqlite:'.length), { timeout: 5000 });
    try {
      const insert = sqlite.prepare(
        `INSERT INTO "notifications" (${COLUMNS}) VALUES (?, ?, ?, ?, 'general', ?, 'low', 0, ?)`,
      );
      // TypeORM's SQLite form of a UTC instant.
      const createdAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
      sqlite.transaction(() => {
        for (let i = 0; i < count; i++) {
          insert.run(randomUUID(), tenantId, randomUUID(), recipientId, `Seeded notice ${i}`, createdAt);
        }
      })();
    } finally {
      sqlite.close();
    }
    return;
  }
  const postgres = new Client({ connectionString: database.url });
  await postgres.connect();
  try {
    await postgres.query(
      `INSERT INTO "notifications" (${COLUMNS})
       SELECT gen_random_uuid()::text, $1, gen_random_uuid()::text, $2, 'general', 'Seeded notice ' || i, 'low', false, now() AT TIME ZONE 'UTC'
       FROM generate_series(1, $3::int) AS i`,
      [tenantId, recipientId, count],
    );
  } finally {
    await postgres.end();
  }
}
