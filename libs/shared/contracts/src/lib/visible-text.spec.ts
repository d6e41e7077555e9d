import { isBlank } from './visible-text';

describe('isBlank', () => {
  it('counts empty, whitespace-only and invisible-only text as blank', () => {
    for (const text of [
      '',
      ' \t\n',
      '\u00a0\u3000',
      '\u200b',
      '\u200c\u200d\u2060',
      '\ufeff',
      '\u00ad',
      '\ufe0f',
      '\u3164',
    ]) {
      expect(isBlank(text)).toBe(true);
    }
  });

  it('counts as blank every character drawn as nothing, alone or together', () => {
    const drawnAsNothing = [
      // Fillers: Hangul (choseong, jungseong, compatibility, halfwidth) and the blank Braille pattern.
      ...['\u115f', '\u1160', '\u3164', '\uffa0', '\u2800'],
      // Separators and formats: Mongolian vowel separator, line and paragraph separators, the
      // invisible operators and deprecated formats, bidirectional controls.
      ...['\u180e', '\u2028', '\u2029', '\u205f', '\u2062', '\u2064', '\u206a', '\u206f', '\u202e', '\u061c'],
      // Interlinear annotation and Egyptian hieroglyph format controls: no glyph of their own.
      ...['\ufff9', '\ufffb', '\u{13430}', '\u{1343f}'],
      // Tags, variation selectors (both blocks), the musical null notehead and beam/slur formats.
      ...[
        '\u{e0001}',
        '\u{e0020}',
        '\u{e007f}',
        '\ufe00',
        '\u{e0100}',
        '\u{e01ef}',
        '\u{1d159}',
        '\u{1d173}',
        '\u{1d17a}',
      ],
    ];
    for (const character of drawnAsNothing) {
      expect({ character, blank: isBlank(character) }).toEqual({ character, blank: true });
    }
    expect(isBlank(drawnAsNothing.join(''))).toBe(true);
    expect(isBlank('\u2800\u2800\u2800\u200b')).toBe(true);
  });

  it('keeps characters that look like those but are drawn: a Braille dot, an Arabic number sign', () => {
    for (const text of ['\u2801', '\u28ff', '\u0600', '\u{1d15a}', '\u2800x']) {
      expect({ text, blank: isBlank(text) }).toEqual({ text, blank: false });
    }
  });

  it('keeps text with anything a reader sees, invisible characters around it included', () => {
    for (const text of ['.', 'ok', '\u200bok\u200b', '😀', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'é']) {
      expect(isBlank(text)).toBe(false);
    }
  });
});
