export * from './lib/database.module';
export * from './lib/data-source-options';
export * from './lib/tenant-scoped.entity';
export * from './lib/pagination/page-cursor';
export * from './lib/pagination/page.query';
export * from './lib/pagination/keyset';
export * from './lib/pagination/in-memory-page';
export * from './lib/pagination/paginated.interceptor';
