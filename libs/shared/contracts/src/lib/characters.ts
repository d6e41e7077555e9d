/**
 * Characters as the database and the API count them: Unicode code points, an emoji's variation
 * selector included. A text field's `maxlength` counts UTF-16 code units instead, two for an emoji.
 */
export const characterCount = (text: string): number => [...text].length;
