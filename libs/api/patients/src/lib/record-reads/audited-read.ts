import type { Type } from '@nestjs/common';
import { OnePatientRead, PatientListRead } from '@derm/shared/contracts';

export const AUDITED_READ = 'patients:audited-read';

/** The parts of a request a read's patient is taken from. */
export interface ReadRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  user: { tenantId: string };
}

/**
 * The patient whose records a successful read read, from its request or its answer; undefined
 * when it read no one patient's.
 */
export type PatientOfRead = (request: ReadRequest, answer: unknown) => string | undefined;

/**
 * Finds the patient of a read that names them neither in its request nor in its answer (a
 * thread's messages: the thread's patient); a provider, asked once the handler has answered.
 */
export interface PatientFinder {
  patientOf(request: ReadRequest): Promise<string | undefined>;
}

/** How a route's patient is known: from its request or answer, or by a {@link PatientFinder}. */
export type PatientOf = PatientOfRead | { finder: Type<PatientFinder> };

export interface AuditedRead {
  /** What a read of one patient's records is recorded as, and how that patient is known. */
  ofPatient?: { read: OnePatientRead; patientOf: PatientOf };
  /**
   * What a read that names no one patient is recorded as, with no patient: a page of a list
   * carrying many. Unset, such a read writes nothing (the caller's own conversations).
   */
  ofList?: PatientListRead;
}

const textOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The patient named by a route parameter (validated by the route's pipe before the handler ran). */
export const patientParam =
  (name: string): PatientOfRead =>
  ({ params }) =>
    textOr(params[name]);

/** The patient named by a query filter; a read without it is no one patient's record. */
export const patientFilter =
  (name: string): PatientOfRead =>
  ({ query }) =>
    textOr(query[name]);

/**
 * The patient the answer names (`patientId`: an appointment, a prior authorization, a thread); a
 * thread about no patient (staff talking among themselves) is no patient's record.
 */
export const patientOfAnswer: PatientOfRead = (_request, answer) =>
  typeof answer === 'object' && answer !== null ? textOr((answer as { patientId?: unknown }).patientId) : undefined;

/** The patient a provider finds once the handler has answered. */
export const patientFoundBy = (finder: Type<PatientFinder>): PatientOf => ({ finder });
