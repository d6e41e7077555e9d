export * from './lib/data/online-staff.service';
export * from './lib/data/patient-viewing-error';
export * from './lib/data/patient-viewing.service';
export * from './lib/data/viewing-refusal';
export * from './lib/online-staff/online-staff-panel.component';
