import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { IsFreeText } from './free-text';
import { MaxCharacters } from './max-characters';
import { IsNotBlank } from './not-blank';
import { IsShownAsWritten } from './shown-as-written';
import { IsStorableText } from './storable-text';
import { Trim } from './trim';

class Stacked {
  @Trim()
  @IsString()
  @IsStorableText()
  @IsShownAsWritten()
  @IsNotBlank()
  @MaxCharacters(5)
  text!: unknown;
}

class Composed {
  @IsFreeText(5)
  text!: unknown;
}

const outcome = (type: typeof Stacked | typeof Composed, text: unknown) => {
  const instance = plainToInstance(type, { text });
  const [error] = validateSync(instance);
  return { text: instance.text, constraints: error ? Object.entries(error.constraints ?? {}) : [] };
};

describe('IsFreeText', () => {
  it('trims and refuses exactly as the rules stacked above a field, naming them in the same order', () => {
    for (const text of [
      '  ok  ',
      'a\n  b',
      '',
      '   ',
      '\u200b',
      'a\u0000b',
      'bell\u0007 and more',
      'a\u202eb',
      '\u202e',
      'toolong',
      42,
      null,
      ['x'],
    ]) {
      const composed = outcome(Composed, text);
      expect(composed).toEqual(outcome(Stacked, text));
    }
    expect(outcome(Composed, '  ok  ')).toEqual({ text: 'ok', constraints: [] });
    expect(outcome(Composed, 'a\n  b')).toEqual({ text: 'a\n  b', constraints: [] });
    expect(outcome(Composed, 'a\u0000\u202e too long').constraints.map(([name]) => name)).toEqual([
      'maxCharacters',
      'isShownAsWritten',
      'isStorableText',
    ]);
  });
});
