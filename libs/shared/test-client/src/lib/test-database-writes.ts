import { Client } from 'pg';
import { TestDatabase } from './test-database';

/** One INSERT or UPDATE and the parameters of each of its runs, in its database's placeholders (`?` or `$1`). */
export interface WriteStatement {
  readonly sql: string;
  readonly rows: Iterable<readonly unknown[]>;
}

/**
 * Writes rows straight into a running API's database, for what no route creates (or would refuse
 * to make, such as data from before a rule) or no test could wait for the API to create. Each database gets its own statement, as their SQL differs. On SQLite
 * all runs share one transaction, waiting up to 5 s for the API's writes; it needs `better-sqlite3`
 * (an optional peer dependency of the package, loaded only here).
 */
export async function writeToTestDatabase(
  database: TestDatabase,
  statements: Readonly<Record<TestDatabase['kind'], WriteStatement>>,
): Promise<void> {
  const { sql, rows } = statements[database.kind];
  if (database.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const sqlite = new Database(database.url.slice('sqlite:'.length), { timeout: 5000 });
    try {
      const insert = sqlite.prepare(sql);
      sqlite.transaction(() => {
        for (const row of rows) insert.run(...row);
      })();
    } finally {
      sqlite.close();
    }
    return;
  }
  const postgres = new Client({ connectionString: database.url });
  await postgres.connect();
  try {
    for (const row of rows) await postgres.query(sql, [...row]);
  } finally {
    await postgres.end();
  }
}
