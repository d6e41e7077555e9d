import { PatientRecordRead } from '@derm/shared/contracts';

export const AUDITED_READ = 'patients:audited-read';

/** The parts of a request a read's patient is taken from. */
export interface ReadRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

/** The patient whose records a request reads; undefined when it reads no one patient's (no row then). */
export type PatientOfRequest = (request: ReadRequest) => string | undefined;

export interface AuditedRead {
  read: PatientRecordRead;
  /** Absent for the patients list, recorded without a patient. */
  patientOf?: PatientOfRequest;
}

const textOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The patient named by a route parameter (validated by the route's pipe before the handler ran). */
export const patientParam =
  (name: string): PatientOfRequest =>
  ({ params }) =>
    textOr(params[name]);

/** The patient named by a query filter; a read without it is no patient's record. */
export const patientFilter =
  (name: string): PatientOfRequest =>
  ({ query }) =>
    textOr(query[name]);
