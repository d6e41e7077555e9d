import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { entityTags } from '@derm/api/http';

/** What `appointmentETag` writes between the quotes: the version, without leading zeros. */
const VERSION = /^[1-9]\d{0,8}$/;
const INVALID = `If-Match must be the appointment's ETag (such as "3"), a comma-separated list of them, or *`;

/**
 * The versions a request's `If-Match` header names (see `appointmentETag`); undefined when it
 * sent none, or `*` (any version of an appointment that exists): the write is then unconditional.
 * If-Match compares strongly (RFC 9110 §13.1.1): a weak tag, or a tag that is no version of ours,
 * names no version, so a header of only such tags is answered 412 like a stale one.
 */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): number[] | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    'if-match'
  ];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(INVALID);
  if (value.trim() === '*') return undefined;
  const tags = entityTags(value);
  if (!tags) throw new BadRequestException(INVALID);
  return tags.filter((tag) => !tag.weak && VERSION.test(tag.opaque)).map((tag) => Number(tag.opaque));
});

/** On a route that reads `@IfMatch()`: the header in the OpenAPI document. */
export const AcceptsIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The appointment\'s ETag as the person saw it: if the appointment has changed since, the write is refused with 412 and the appointment as it is now, changing nothing. A weak tag (W/"3") never matches (412). Without it the write goes through whatever changed meanwhile.',
  });
