import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { MAX_JSON_DEPTH } from './body-limits';
import { nestedDeeperThan } from './json-depth';

/** Refuses deeply nested bodies before validation walks them recursively; runs before ValidationPipe. */
@Injectable()
export class JsonDepthPipe implements PipeTransform {
  transform(value: unknown, { type }: ArgumentMetadata): unknown {
    if (type === 'body' && nestedDeeperThan(value, MAX_JSON_DEPTH)) {
      throw new BadRequestException(`JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    return value;
  }
}
