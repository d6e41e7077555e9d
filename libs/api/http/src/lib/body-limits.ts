/** The largest JSON body accepted; a larger one is answered 413 before it is read in full. */
export const JSON_BODY_LIMIT = '100kb';

/** No request needs more; deeper nesting would exhaust the stack of recursive validation. */
export const MAX_JSON_DEPTH = 32;
