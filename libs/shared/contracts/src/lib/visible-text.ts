/**
 * Something a reader would see: not whitespace, a control character, nor one of the characters
 * Unicode says are drawn as nothing (`Default_Ignorable_Code_Point`: zero-width space, joiners,
 * byte order mark, soft hyphen, bidirectional controls, variation selectors, tags, Hangul
 * fillers), nor those drawn as nothing that Unicode does not mark so: the blank Braille pattern
 * (U+2800), the musical null notehead (U+1D159), and the interlinear annotation (U+FFF9–U+FFFB)
 * and Egyptian hieroglyph (U+13430–U+1343F) format controls, which have no glyph of their own.
 */
const VISIBLE =
  /[^\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}\u2800\u{1D159}\uFFF9-\uFFFB\u{13430}-\u{1343F}]/u;

/** Text with nothing a reader would see: the API refuses it where text is required, and the portal's forms call it missing. */
export const isBlank = (text: string): boolean => !VISIBLE.test(text);
