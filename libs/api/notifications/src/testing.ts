export * from './lib/testing/clinic.spec-helper';
