export * from './lib/demo-data.module';
export { DEMO_CLINICS, DEMO_PASSWORD } from './lib/demo-clinics';
