export * from './lib/patients.module';
export * from './lib/patients.service';
export * from './lib/patient.entity';
