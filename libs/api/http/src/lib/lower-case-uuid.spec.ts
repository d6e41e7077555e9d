import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isLowerCaseUuid, IsLowerCaseUuid, ParseLowerCaseUuidPipe } from './lower-case-uuid';

const ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

class Refs {
  @IsLowerCaseUuid()
  id!: unknown;

  @IsLowerCaseUuid({ each: true })
  ids!: unknown;
}

const errorsOf = (refs: object) =>
  validateSync(plainToInstance(Refs, refs)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('lower-case UUIDs', () => {
  it('takes a UUID as the API makes it, and nothing else', () => {
    expect(isLowerCaseUuid(ID)).toBe(true);
    for (const value of [ID.toUpperCase(), ID.replace('f', 'F'), `${ID} `, 'nope', '', 42, null, undefined]) {
      expect(isLowerCaseUuid(value)).toBe(false);
    }
  });

  it('refuses capitals in a field or a list, saying ids are lower case', () => {
    expect(errorsOf({ id: ID, ids: [ID] })).toEqual([]);
    expect(errorsOf({ id: ID.toUpperCase(), ids: [ID, ID.toUpperCase()] })).toEqual([
      'id must be a lower-case UUID',
      'each value in ids must be a lower-case UUID',
    ]);
  });

  it('refuses capitals in a route parameter with a 400 naming it', () => {
    const pipe = new ParseLowerCaseUuidPipe();
    const param: ArgumentMetadata = { type: 'param', data: 'id' };
    expect(pipe.transform(ID, param)).toBe(ID);
    expect(() => pipe.transform(ID.toUpperCase(), param)).toThrow(
      new BadRequestException('id must be a lower-case UUID'),
    );
  });
});
