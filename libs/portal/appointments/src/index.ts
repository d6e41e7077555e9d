export * from './lib/appointments.routes';
export * from './lib/data/appointments-api.service';
export * from './lib/data/appointment-changes.service';
export * from './lib/data/appointment-events.service';
export * from './lib/schedule/schedule-page.component';
export * from './lib/patient-visits/patient-visits.component';
