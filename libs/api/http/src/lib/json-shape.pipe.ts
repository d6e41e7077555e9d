import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { jsonShapeFault } from './json-shape';

/** What a refused value is called in the answer. */
const CHECKED: Partial<Record<ArgumentMetadata['type'], string>> = { body: 'JSON', query: 'The query' };

/**
 * Refuses bodies and queries nested too deep or holding too many keys or list elements before
 * ValidationPipe walks them (`jsonShapeFault`), and a body that is a list where every route takes
 * an object (validation would name each element an unknown property), with a short answer: anyone
 * can send one, signed in or not.
 */
@Injectable()
export class JsonShapePipe implements PipeTransform {
  transform(value: unknown, { type }: ArgumentMetadata): unknown {
    const subject = CHECKED[type];
    const fault = subject === undefined ? undefined : jsonShapeFault(value);
    if (fault) throw new BadRequestException(`${subject} ${fault}`);
    if (type === 'body' && Array.isArray(value)) throw new BadRequestException('The JSON body must be an object');
    return value;
  }
}
