export * from './lib/api-docs.module';
export * from './lib/openapi';
export * from './lib/document-paths';
