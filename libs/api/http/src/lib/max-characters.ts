import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { characterCount } from '@derm/shared/contracts';
import { buildMessage, ValidateBy } from 'class-validator';

/**
 * At most `max` characters as a `varchar(max)` column counts them. class-validator's `MaxLength`
 * leaves out variation selectors (U+FE0E, U+FE0F), so text it allows, such as a title of
 * emoji, would overflow the column and answer 500. Also the field's `maxLength` in the OpenAPI
 * document. Values that are not strings are left to `@IsString()`.
 */
export const MaxCharacters = (max: number) =>
  applyDecorators(
    ValidateBy({
      name: 'maxCharacters',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || characterCount(value) <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be shorter than or equal to $constraint1 characters`,
        ),
      },
    }),
    ApiProperty({ maxLength: max }),
  );
