import { buildMessage, ValidateBy } from 'class-validator';

/**
 * The invisible characters that steer the bidirectional algorithm: the marks LRM, RLM and ALM
 * (U+200E, U+200F, U+061C), the embeddings and overrides (U+202A–U+202E) and the isolates
 * (U+2066–U+2069). With them a reader sees another text than was stored and sent: an override
 * draws "nillicinep" as "penicillin", isolates draw "Give 100 not 10 units" as "Give 10 not 100
 * units", and marks alone draw "100" as "001"; no search or copy finds what the reader saw. Text
 * in any script, right-to-left and mixed included, is still ordered from its letters alone.
 */
const STEERING = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export const isShownAsWritten = (text: string): boolean => !STEERING.test(text);

/** Text drawn in the order it was written. For every free-text field; values that are not strings are left to `@IsString()`. */
export const IsShownAsWritten = (): PropertyDecorator =>
  ValidateBy({
    name: 'isShownAsWritten',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || isShownAsWritten(value),
      defaultMessage: buildMessage(
        (each) =>
          `${each}$property must not contain invisible direction controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), which show text in another order than it was written`,
      ),
    },
  });
