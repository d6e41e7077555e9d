/**
 * The invisible characters that steer the bidirectional algorithm: the marks LRM, RLM and ALM
 * (U+200E, U+200F, U+061C), the embeddings and overrides (U+202A–U+202E) and the isolates
 * (U+2066–U+2069). With them a reader sees another text than was stored and sent: an override
 * draws "nillicinep" as "penicillin", isolates draw "Give 100 not 10 units" as "Give 10 not 100
 * units", and marks alone draw "100" as "001"; no search or copy finds what the reader saw. Text
 * in any script, right-to-left and mixed included, is still ordered from its letters alone.
 * The API refuses them in free text; the portal's fields drop them as they are typed or pasted.
 */
const RANGES: readonly (readonly [first: number, last: number])[] = [
  [0x200e, 0x200e],
  [0x200f, 0x200f],
  [0x061c, 0x061c],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];

const codePoint = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const escaped = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
const CLASS = `[${RANGES.map(([first, last]) => (first === last ? escaped(first) : `${escaped(first)}-${escaped(last)}`)).join('')}]`;
const ANY = new RegExp(CLASS, 'u');
const EVERY = new RegExp(CLASS, 'gu');

/** The direction controls as people are told of them: "U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069". */
export const DIRECTION_CONTROLS = RANGES.map(([first, last]) =>
  first === last ? codePoint(first) : `${codePoint(first)}–${codePoint(last)}`,
).join(', ');

/** Text with no direction control: drawn in the order it was written. */
export const isShownAsWritten = (text: string): boolean => !ANY.test(text);

/** The text without its direction controls (each one UTF-16 unit, so the length says how many went). */
export const withoutDirectionControls = (text: string): string => text.replace(EVERY, '');
