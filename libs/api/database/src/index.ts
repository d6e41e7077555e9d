export * from './lib/database.module';
export * from './lib/data-source-options';
export * from './lib/tenant-scoped.entity';
export * from './lib/transactions.service';
