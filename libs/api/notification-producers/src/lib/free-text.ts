import { applyDecorators } from '@nestjs/common';
import { IsString } from 'class-validator';
import { IsNotBlank, IsStorableText, MaxCharacters, Trim } from '@derm/api/http';

/**
 * A title, a body or a name a person types: trimmed, storable, not blank, at most `max`
 * characters. The rules register as if stacked in this order above a field, so a refusal names
 * them as before.
 */
export const IsFreeText = (max: number): PropertyDecorator =>
  applyDecorators(...[Trim(), IsString(), IsStorableText(), IsNotBlank(), MaxCharacters(max)].reverse());
