export * from './lib/patients.routes';
export * from './lib/audit/admin.guard';
export * from './lib/data/patients-api.service';
export * from './lib/picker/patient-picker.component';
