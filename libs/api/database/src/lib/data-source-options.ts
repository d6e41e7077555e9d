import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import type { DatabaseTarget } from '@derm/api/config';

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
    };
  }
  return {
    type: 'postgres',
    url: target.url,
    synchronize: true,
  };
}
