import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { postgresOptions } from './data-source-options';

/** Every entity file of every API library (the app registers the same ones through forFeature). */
export const ENTITY_FILES = join(__dirname, '../../../../..', 'libs/api/*/src/**/*.entity.ts');

/** A PostgreSQL DataSource that knows every entity and migration: for the CLI and the schema check. */
export function migrationDataSource(url: string): DataSource {
  return new DataSource({ ...postgresOptions(url), entities: [ENTITY_FILES] });
}
