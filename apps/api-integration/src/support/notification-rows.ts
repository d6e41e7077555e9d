import { randomUUID } from 'node:crypto';
import { writeToTestDatabase, TestDatabase } from '@derm/shared/test-client';

const COLUMNS =
  '"id", "tenantId", "notificationId", "recipientId", "kind", "title", "priority", "requiresAck", "createdAt"';

/**
 * Stores `count` unread general notices for one person straight into a running API's database:
 * more than the API could create in a test's time, to reach sizes no route would be asked for at
 * once, or created at an instant no route would give them (a node whose clock is ahead).
 */
export async function addUnreadNotices(
  database: TestDatabase,
  tenantId: string,
  recipientId: string,
  count: number,
  at = new Date(),
): Promise<void> {
  // The form both databases store a UTC instant in.
  const createdAt = at.toISOString().replace('T', ' ').replace('Z', '');
  function* sqliteRows() {
    for (let i = 0; i < count; i++) {
      yield [randomUUID(), tenantId, randomUUID(), recipientId, `Seeded notice ${i}`, createdAt];
    }
  }
  await writeToTestDatabase(database, {
    sqlite: {
      sql: `INSERT INTO "notifications" (${COLUMNS}) VALUES (?, ?, ?, ?, 'general', ?, 'low', 0, ?)`,
      rows: sqliteRows(),
    },
    // One statement for any count: row by row would cost a round trip each.
    postgres: {
      sql: `INSERT INTO "notifications" (${COLUMNS})
       SELECT gen_random_uuid()::text, $1, gen_random_uuid()::text, $2, 'general', 'Seeded notice ' || i, 'low', false, $4::timestamp
       FROM generate_series(1, $3::int) AS i`,
      rows: [[tenantId, recipientId, count, createdAt]],
    },
  });
}
