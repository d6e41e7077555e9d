import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createTestDatabase } from '@derm/shared/test-client';
import { migrationDataSource } from '../lib/migration-data-source';

const MIGRATIONS_DIR = join(__dirname, '../migrations');
const DATA_SOURCE = relative(process.cwd(), join(__dirname, 'data-source.ts'));

/** The index the API bundles (it cannot load migration files by glob), oldest first. */
function writeIndex(): void {
  const migrations = readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d+-\w+\.ts$/.test(file))
    .sort()
    .map((file) => {
      const declared = /export class (\w+) implements MigrationInterface/.exec(
        readFileSync(join(MIGRATIONS_DIR, file), 'utf8'),
      );
      if (!declared) throw new Error(`${file} declares no migration class`);
      return { file: file.replace(/\.ts$/, ''), className: declared[1] };
    });
  writeFileSync(
    join(MIGRATIONS_DIR, 'index.ts'),
    [
      "import type { MigrationInterface } from 'typeorm';",
      ...migrations.map(({ file, className }) => `import { ${className} } from './${file}';`),
      '',
      '// Rewritten by `npm run db:migration:generate`: every migration, oldest first.',
      `export const MIGRATIONS: (new () => MigrationInterface)[] = [${migrations.map((m) => m.className).join(', ')}];`,
      '',
    ].join('\n'),
  );
}

/**
 * `generate <Name>` writes a migration with what the entities add to the existing migrations;
 * `check` fails if there is anything. Both run TypeORM's own migration:generate against a scratch
 * PostgreSQL database migrated to the latest migration (TEST_POSTGRES_URL says where to create it).
 */
async function main([command, name]: string[]): Promise<number> {
  if (command !== 'check' && !(command === 'generate' && name)) {
    console.error('Usage: migrations generate <Name> | migrations check');
    return 2;
  }
  const scratch = await createTestDatabase('postgres');
  try {
    const dataSource = await migrationDataSource(scratch.url).initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    const target = command === 'check' ? ['--check', join(MIGRATIONS_DIR, 'Pending')] : [join(MIGRATIONS_DIR, name)];
    const typeorm = spawnSync(
      process.execPath,
      [...process.execArgv, require.resolve('typeorm/cli.js'), 'migration:generate', '-d', DATA_SOURCE, ...target],
      { stdio: 'inherit', env: { ...process.env, DATABASE_URL: scratch.url } },
    );
    if (command === 'generate' && typeorm.status === 0) writeIndex();
    return typeorm.status ?? 1;
  } finally {
    await scratch.drop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
