export * from './lib/patients.routes';
export * from './lib/data/patients-api.service';
export * from './lib/picker/patient-picker.component';
