import { ServiceUnavailableException } from '@nestjs/common';

/**
 * A read whose access-log row could not be written is not answered: the log must not silently
 * miss a read, as a chart view that cannot be audited is refused (`VIEW_NOT_RECORDED`).
 */
export class ReadNotRecordedException extends ServiceUnavailableException {
  constructor() {
    super('The read could not be recorded in the access log, so nothing was sent; try again in a moment');
  }
}
