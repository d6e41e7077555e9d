import { CommandError } from '@derm/shared/contracts';

/** The server refused to let this chart be viewed (e.g. NOT_FOUND). */
export class PatientViewingError extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}
