import { ValidateBy } from 'class-validator';

/**
 * On a list's second way to say where a page continues (`before` an item's id): that and `cursor`
 * each say it differently, so with both one would silently win; the pair is refused instead.
 * `what` says what the field holds, e.g. `a message id`.
 */
export const NotWithCursor = (what: string) =>
  ValidateBy({
    name: 'notWithCursor',
    validator: {
      validate: (_value, args) => (args?.object as { cursor?: unknown }).cursor === undefined,
      defaultMessage: (args) =>
        `send either cursor (from X-Next-Cursor, where the previous page ended) or ${args?.property} (${what}), not both`,
    },
  });
