import { DIRECTION_CONTROLS, isShownAsWritten, withoutDirectionControls } from './direction-controls';

const everyControl = [
  '\u200e',
  '\u200f',
  '\u061c',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

describe('direction controls', () => {
  it('names the marks, embeddings, overrides and isolates as the API says them', () => {
    expect(DIRECTION_CONTROLS).toBe('U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069');
  });

  it('keeps text of any script, right-to-left and mixed included', () => {
    for (const text of ['Biopsy follow-up', 'שלום, מטופל חדש', 'مرحبا 12 mg', 'Patient דוד כהן, room 4', '', '😀 é']) {
      expect({ text, shown: isShownAsWritten(text) }).toEqual({ text, shown: true });
      expect(withoutDirectionControls(text)).toBe(text);
    }
  });

  it('refuses every mark, embedding, override and isolate, each alone and anywhere in a text', () => {
    for (const control of everyControl) {
      for (const text of [control, `a${control}`, `${control}b`, `a${control}b`]) {
        expect({ text, shown: isShownAsWritten(text) }).toEqual({ text, shown: false });
      }
    }
    for (const text of [
      'allergic to \u202Enillicinep',
      'Give \u2067\u2066100\u2069 \u2066not\u2069 \u206610\u2069\u2069 units',
      'Give \u200F1\u200F0\u200F0 units',
    ]) {
      expect(isShownAsWritten(text)).toBe(false);
    }
  });

  it('leaves their neighbours alone: the other invisible characters are the blank rule’s, not this one’s', () => {
    for (const text of ['\u200b', '\u200c\u200d', '\u2060', '\ufeff', '\u2065', '\u206a', '\u202f', '\u200d']) {
      expect({ text, shown: isShownAsWritten(text) }).toEqual({ text, shown: true });
    }
  });

  it('drops every one of them, however many, and nothing else', () => {
    expect(withoutDirectionControls(everyControl.join(''))).toBe('');
    expect(withoutDirectionControls('allergic to \u202Enillicinep')).toBe('allergic to nillicinep');
    expect(withoutDirectionControls('Give \u2067\u2066100\u2069 \u2066not\u2069 \u206610\u2069\u2069 units')).toBe(
      'Give 100 not 10 units',
    );
    expect(withoutDirectionControls('\u200Fשלום\u200F 12\u200E mg\n\u200b😀')).toBe('שלום 12 mg\n\u200b😀');
    for (const text of ['a\u202Eb', '\u2066x\u2069y\u202Ez']) {
      const once = withoutDirectionControls(text);
      expect(isShownAsWritten(once)).toBe(true);
      expect(withoutDirectionControls(once)).toBe(once);
    }
  });
});
