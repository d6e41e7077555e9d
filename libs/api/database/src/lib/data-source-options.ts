import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import type { DatabaseTarget } from '@derm/api/config';
import { MIGRATIONS } from '../migrations';
import { addTextSearchFunctions } from './text-search';

/** PostgreSQL: the schema comes only from the migrations, never from the entities directly. */
export function postgresOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // Applied at start by runMigrationsExclusively, one node at a time.
    migrationsRun: false,
  };
}

/** Connection options for the embedded SQLite file or PostgreSQL. */
export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  if (target.kind === 'sqlite') {
    mkdirSync(dirname(target.path), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: target.path,
      // The embedded database is a disposable single-node demo: its schema follows the entities.
      synchronize: true,
      enableWAL: true,
      prepareDatabase: addTextSearchFunctions,
    };
  }
  return postgresOptions(target.url);
}
