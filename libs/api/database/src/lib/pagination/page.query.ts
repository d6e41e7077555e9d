import { IsOptional, IsString, ValidateBy } from 'class-validator';
import { IsDecimalInteger } from '@derm/api/http';
import { decodeCursor, NOT_THIS_LISTS_CURSOR } from './page-cursor';

/** What a client asked of a list: where to continue, and how many rows. */
export interface PageRequest {
  readonly cursor?: string;
  readonly size: number;
}

export interface PageLimits {
  /** Rows when the client names no `limit`. */
  defaultSize: number;
  /** The most one request may ask for; more is a 400. */
  maxSize: number;
}

const IsPageCursor = () =>
  ValidateBy({
    name: 'isPageCursor',
    validator: {
      validate: (value) => typeof value === 'string' && decodeCursor(value) !== undefined,
      defaultMessage: () => NOT_THIS_LISTS_CURSOR,
    },
  });

/**
 * `?cursor=&limit=` of a list route, validated: extend it with the route's own filters, e.g.
 * `class ListPatientsQuery extends PageQuery({ defaultSize: 100, maxSize: 200 }) {}`, and hand
 * the service `ListPatientsQuery.requestedPage(query)`.
 */
export function PageQuery({ defaultSize, maxSize }: PageLimits) {
  class PageQueryOfRoute {
    @IsOptional()
    @IsString()
    @IsPageCursor()
    cursor?: string;

    @IsOptional()
    @IsDecimalInteger({ min: 1, max: maxSize })
    limit?: number;

    /**
     * The page a validated query asks for. Static, as every instance member is read as a
     * parameter: a getter by a parameter's name answers its `?name=` with a 500, a method lets it
     * through unchecked, where any other unknown parameter is a 400.
     */
    static requestedPage({ cursor, limit }: PageQueryOfRoute): PageRequest {
      return { cursor, size: limit ?? defaultSize };
    }
  }
  return PageQueryOfRoute;
}
