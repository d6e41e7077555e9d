import { randomUUID } from 'node:crypto';
import { TestDatabase, writeToTestDatabase } from '@derm/shared/test-client';

/** A new account (id, email, name) copying the clinic, role and password hash of the one with an email. */
const copyOfAccount = ([id, email, name, likeEmail]: [string, string, string, string]) =>
  `INSERT INTO "staff_members" ("id", "tenantId", "email", "name", "role", "passwordHash", "active")
   SELECT ${id}, "tenantId", ${email}, ${name}, "role", "passwordHash", true
   FROM "staff_members" WHERE "email" = ${likeEmail}`;

/**
 * Stores `count` more active colleagues like the account `likeEmail` (same clinic, role and
 * password) straight into a running API's database: the demo clinics are too small for what
 * needs many people, and no route creates staff. Answers their emails, to sign in with.
 */
export async function addColleaguesLike(database: TestDatabase, likeEmail: string, count: number): Promise<string[]> {
  const [login, domain] = likeEmail.split('@');
  const emails = Array.from({ length: count }, (_, i) => `${login}${i + 2}@${domain}`);
  const rows = emails.map((email, i) => [randomUUID(), email, `Extra colleague ${i + 2}`, likeEmail] as const);
  await writeToTestDatabase(database, {
    sqlite: { sql: copyOfAccount(['?', '?', '?', '?']), rows },
    postgres: { sql: copyOfAccount(['$1', '$2', '$3', '$4']), rows },
  });
  return emails;
}
