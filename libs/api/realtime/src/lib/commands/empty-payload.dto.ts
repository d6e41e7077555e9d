/** For commands that take no arguments: `{}` passes, anything else is VALIDATION_FAILED. */
export class EmptyPayloadDto {}
