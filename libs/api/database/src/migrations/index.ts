import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795509829290 } from './1795509829290-InitialSchema';

// Rewritten by `npm run db:migration:generate`: every migration, oldest first.
export const MIGRATIONS: (new () => MigrationInterface)[] = [InitialSchema1795509829290];
