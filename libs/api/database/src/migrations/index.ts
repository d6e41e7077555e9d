import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795509829290 } from './1795509829290-InitialSchema';
import { StaffSessions1796124842209 } from './1796124842209-StaffSessions';
import { ClinicTimeZone1796129239125 } from './1796129239125-ClinicTimeZone';
import { NotificationSender1796135245734 } from './1796135245734-NotificationSender';
import { IdempotencyKeys1796135275181 } from './1796135275181-IdempotencyKeys';
import { ChartViewSessionLabel1796135301371 } from './1796135301371-ChartViewSessionLabel';
import { PatientNameSearch1796282112930 } from './1796282112930-PatientNameSearch';
import { ThreadNotes1796353045373 } from './1796353045373-ThreadNotes';
import { AppointmentVersion1796468506388 } from './1796468506388-AppointmentVersion';
import { PatientRecordReads1796602322077 } from './1796602322077-PatientRecordReads';

// Rewritten by `npm run db:migration:generate`: every migration, oldest first.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  InitialSchema1795509829290,
  StaffSessions1796124842209,
  ClinicTimeZone1796129239125,
  NotificationSender1796135245734,
  IdempotencyKeys1796135275181,
  ChartViewSessionLabel1796135301371,
  PatientNameSearch1796282112930,
  ThreadNotes1796353045373,
  AppointmentVersion1796468506388,
  PatientRecordReads1796602322077,
];
