import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsString, ValidateNested, ValidationError } from 'class-validator';
import { objectMemberKeyErrors, StrictValidationPipe } from './strict-validation.pipe';

class InnerDto {
  @IsString()
  name!: string;
}

class OuterDto {
  @IsString()
  text!: string;

  @ValidateNested({ each: true })
  @Type(() => InnerDto)
  items!: InnerDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: OuterDto };
/** A pipe whose answer is the errors themselves, as paths and messages. */
const pipe = () =>
  new StrictValidationPipe({
    transform: true,
    exceptionFactory: (errors) => ({ refused: pathsOf(errors) }),
  });
const pathsOf = (errors: ValidationError[], prefix = ''): Record<string, string[]> =>
  Object.fromEntries(
    errors.flatMap((error) => [
      ...(error.constraints ? [[`${prefix}${error.property}`, Object.values(error.constraints)]] : []),
      ...Object.entries(pathsOf(error.children ?? [], `${prefix}${error.property}.`)),
    ]),
  );
const refusalOf = async (value: unknown, metadata = body) => {
  try {
    return await pipe().transform(value, metadata);
  } catch (error) {
    return error;
  }
};
const unknown = (name: string) => [`property ${name} should not exist`];

describe('StrictValidationPipe', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__lookupGetter__'])(
    'refuses %s as an extra key, at the top or nested, as an unknown property',
    async (name) => {
      const sent = JSON.parse(`{"text":"a","items":[{"name":"b","${name}":{}}],"${name}":1}`);
      expect(await refusalOf(sent)).toEqual({
        refused: { [name]: unknown(name), [`items.0.${name}`]: unknown(name) },
      });
    },
  );

  it('names them together with every other fault', async () => {
    const sent = JSON.parse('{"text":1,"extra":2,"constructor":3,"items":[{"name":4,"valueOf":5}]}');
    expect(await refusalOf(sent)).toEqual({
      refused: {
        constructor: unknown('constructor'),
        'items.0.valueOf': unknown('valueOf'),
        extra: unknown('extra'),
        text: ['text must be a string'],
        'items.0.name': ['name must be a string'],
      },
    });
  });

  it('takes those words as values, and names that only contain them as keys', async () => {
    const words = '__proto__ constructor prototype toString';
    const value = await pipe().transform({ text: words, items: [{ name: words }] }, body);
    expect(value).toBeInstanceOf(OuterDto);
    expect(value).toEqual({ text: words, items: [{ name: words }] });
    expect(await refusalOf({ text: 'a', items: [], toStringy: 1 })).toEqual({
      refused: { toStringy: unknown('toStringy') },
    });
  });

  it('leaves alone what it does not validate', async () => {
    const socket = JSON.parse('{"constructor":1}');
    await expect(pipe().transform(socket, { type: 'custom' })).resolves.toBe(socket);
    await expect(pipe().transform('toString', { type: 'query', data: 'q', metatype: String })).resolves.toBe(
      'toString',
    );
  });

  it("answers with Nest's own exception when given no factory", async () => {
    const refused = new StrictValidationPipe().transform(JSON.parse('{"text":"a","items":[],"__proto__":{}}'), body);
    await expect(refused).rejects.toBeInstanceOf(BadRequestException);
    await expect(refused).rejects.toMatchObject({ response: { message: ['property __proto__ should not exist'] } });
  });

  it('finds nothing in scalars, binary values or clean objects', () => {
    for (const value of [null, 'constructor', 1, Buffer.from('{"__proto__":1}'), { a: [{ b: 'toString' }] }]) {
      expect(objectMemberKeyErrors(value)).toEqual([]);
    }
  });
});
