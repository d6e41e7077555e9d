import { applyDecorators } from '@nestjs/common';
import { IsString } from 'class-validator';
import { MaxCharacters } from './max-characters';
import { IsNotBlank } from './not-blank';
import { IsShownAsWritten } from './shown-as-written';
import { IsStorableText } from './storable-text';
import { Trim } from './trim';

/**
 * A title, a body, a reason or a name a person types: trimmed at its ends (inner line breaks and
 * indentation kept), storable, drawn as written, not blank, at most `max` characters. The rules
 * register as if stacked in this order above a field, so a refusal names them in that order.
 */
export const IsFreeText = (max: number): PropertyDecorator =>
  applyDecorators(
    ...[Trim(), IsString(), IsStorableText(), IsShownAsWritten(), IsNotBlank(), MaxCharacters(max)].reverse(),
  );
