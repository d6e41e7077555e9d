import { applyDecorators, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Ids are UUIDs as the API makes them: lower case. Rows are found by comparing the text, so an id
 * in capitals would pass a plain UUID check and then match nothing; it is refused instead. The
 * versions class-validator's `@IsUUID()` takes, the nil and max UUIDs included.
 */
const LOWER_CASE_UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

export const isLowerCaseUuid = (value: unknown): value is string =>
  typeof value === 'string' && LOWER_CASE_UUID.test(value);

const mustBeLowerCaseUuid = (name: string) => `${name} must be a lower-case UUID`;

/**
 * A body, query or command field holding an id (`{ each: true }` for a list of them); also its
 * `format` and `pattern` in the OpenAPI document.
 */
export const IsLowerCaseUuid = (options?: ValidationOptions) =>
  applyDecorators(
    ValidateBy(
      {
        name: 'isLowerCaseUuid',
        validator: {
          validate: isLowerCaseUuid,
          defaultMessage: buildMessage((each) => mustBeLowerCaseUuid(`${each}$property`), options),
        },
      },
      options,
    ),
    ApiProperty({ format: 'uuid', pattern: LOWER_CASE_UUID.source }),
  );

/** A route parameter holding an id: `@Param('id', ParseLowerCaseUuidPipe) id: string`. */
@Injectable()
export class ParseLowerCaseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, { data }: { data?: string }): string {
    if (isLowerCaseUuid(value)) return value;
    throw new BadRequestException(mustBeLowerCaseUuid(data ?? 'the id'));
  }
}
