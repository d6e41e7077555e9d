export * from './lib/appointments.module';
export * from './lib/appointments.service';
export * from './lib/appointment.entity';
export * from './lib/events/appointment-created.event';
export * from './lib/events/appointment-updated.event';
export * from './lib/events/appointment-cancelled.event';
export * from './lib/events/appointment-checked-in.event';
