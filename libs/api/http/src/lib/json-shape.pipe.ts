import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { jsonShapeFault } from './json-shape';

/** What a refused value is called in the answer. */
const CHECKED: Partial<Record<ArgumentMetadata['type'], string>> = { body: 'JSON', query: 'The query' };

/**
 * Refuses bodies and queries nested too deep or holding too many keys before ValidationPipe walks
 * them (`jsonShapeFault`), with a short answer: anyone can send one, signed in or not.
 */
@Injectable()
export class JsonShapePipe implements PipeTransform {
  transform(value: unknown, { type }: ArgumentMetadata): unknown {
    const subject = CHECKED[type];
    const fault = subject === undefined ? undefined : jsonShapeFault(value);
    if (fault) throw new BadRequestException(`${subject} ${fault}`);
    return value;
  }
}
