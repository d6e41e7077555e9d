import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

const VERSION_ETAG = /^"(\d{1,9})"$/;
const INVALID = `If-Match must be the appointment's ETag (such as "3"), a comma-separated list of them, or *`;

/**
 * The versions a request's `If-Match` header names (see `appointmentETag`); undefined when it
 * sent none, or `*` (any version of an appointment that exists): the write is then unconditional.
 */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): number[] | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    'if-match'
  ];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(INVALID);
  if (value.trim() === '*') return undefined;
  return value.split(',').map((tag) => {
    const version = VERSION_ETAG.exec(tag.trim());
    if (!version) throw new BadRequestException(INVALID);
    return Number(version[1]);
  });
});

/** On a route that reads `@IfMatch()`: the header in the OpenAPI document. */
export const AcceptsIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      "The appointment's ETag as the person saw it: if the appointment has changed since, the write is refused with 412 and the appointment as it is now, changing nothing. Without it the write goes through whatever changed meanwhile.",
  });
