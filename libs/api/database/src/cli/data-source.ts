import { migrationDataSource } from '../lib/migration-data-source';

/** The TypeORM CLI's data source (`npm run db:migrate` and friends): the database at DATABASE_URL. */
const url = process.env['DATABASE_URL'];
if (!url?.startsWith('postgres')) throw new Error('Set DATABASE_URL to the postgres:// database to migrate');

export default migrationDataSource(url);
