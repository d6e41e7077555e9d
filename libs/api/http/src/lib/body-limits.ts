/** The largest JSON body accepted; a larger one is answered 413 before it is read in full. */
export const JSON_BODY_LIMIT = '100kb';

/** No request needs more; deeper nesting would exhaust the stack of recursive validation. */
export const MAX_JSON_DEPTH = 32;

/** Keys of objects in one body, query or command payload, at any depth; no request needs a tenth of it. */
export const MAX_JSON_KEYS = 100;

/**
 * Elements of arrays in one body, query or command payload, at any depth: each costs validation a
 * check of its own. The longest list a request takes is 500 notification ids.
 */
export const MAX_JSON_ELEMENTS = 600;
