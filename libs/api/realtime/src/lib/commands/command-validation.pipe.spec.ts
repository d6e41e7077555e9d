import { ArgumentMetadata } from '@nestjs/common';
import { IsLowerCaseUuid, MAX_JSON_DEPTH, MAX_JSON_KEYS } from '@derm/api/http';
import { CommandException } from './command.exception';
import { CommandValidationPipe } from './command-validation.pipe';
import { EmptyPayloadDto } from './empty-payload.dto';

class ThreadRefDto {
  @IsLowerCaseUuid()
  threadId!: string;
}

const body: ArgumentMetadata = { type: 'body', metatype: ThreadRefDto };
const errorOf = async (value: unknown) => {
  try {
    await new CommandValidationPipe().transform(value, body);
  } catch (error) {
    return (error as CommandException).commandError;
  }
  throw new Error('accepted');
};

describe('CommandValidationPipe', () => {
  it('passes a valid payload through as the DTO', async () => {
    const value = await new CommandValidationPipe().transform(
      { threadId: '0b6f1e8e-6a3b-4f3e-9b0a-2f1d3c4b5a69' },
      body,
    );
    expect(value).toBeInstanceOf(ThreadRefDto);
  });

  it.each([['a string'], [null], [undefined], [[1, 2]], [42], [true]])('refuses the non-object %p', async (value) => {
    expect(await errorOf(value)).toEqual({ code: 'VALIDATION_FAILED', message: 'The payload must be a JSON object' });
  });

  it.each([
    ['a Buffer', Buffer.from('{}')],
    ['an ArrayBuffer', new ArrayBuffer(2)],
    ['a typed array', new Uint8Array([1])],
    ['a DataView', new DataView(new ArrayBuffer(1))],
    ['a Date', new Date()],
    ['a Map', new Map()],
  ])('refuses %s, even for a command that takes no field', async (_kind, value) => {
    for (const metatype of [ThreadRefDto, EmptyPayloadDto]) {
      await expect(new CommandValidationPipe().transform(value, { type: 'body', metatype })).rejects.toMatchObject({
        commandError: { code: 'VALIDATION_FAILED', message: 'The payload must be a JSON object' },
      });
    }
  });

  it('takes an empty object, and one without a prototype, for a command that takes no field', async () => {
    for (const value of [{}, Object.create(null) as object]) {
      await expect(
        new CommandValidationPipe().transform(value, { type: 'body', metatype: EmptyPayloadDto }),
      ).resolves.toBeInstanceOf(EmptyPayloadDto);
    }
  });

  it('refuses a payload nested past the JSON depth limit, in a known field or an unknown one', async () => {
    let deep: unknown = 'end';
    for (let level = 0; level < 3000; level++) deep = [deep];
    for (const payload of [{ threadId: deep }, { threadId: '0b6f1e8e-6a3b-4f3e-9b0a-2f1d3c4b5a69', extra: deep }]) {
      expect(await errorOf(payload)).toEqual({
        code: 'VALIDATION_FAILED',
        message: `The payload nests deeper than ${MAX_JSON_DEPTH} levels`,
      });
    }
  });

  it('refuses a payload holding more keys than the limit, naming none of them', async () => {
    const payload = Object.fromEntries(Array.from({ length: 10 * MAX_JSON_KEYS }, (_, i) => [`k${i}`, i]));
    expect(await errorOf({ threadId: '0b6f1e8e-6a3b-4f3e-9b0a-2f1d3c4b5a69', ...payload })).toEqual({
      code: 'VALIDATION_FAILED',
      message: `The payload holds more than ${MAX_JSON_KEYS} keys`,
    });
  });

  it('names the fields at fault, including unknown ones', async () => {
    const error = await errorOf({ threadId: 'nope', admin: true });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['admin', 'threadId']);
  });

  it('names a key like a member of every object as unknown, which the DTO would never show', async () => {
    const error = await errorOf(JSON.parse('{"threadId":"0b6f1e8e-6a3b-4f3e-9b0a-2f1d3c4b5a69","__proto__":{}}'));
    expect(error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '__proto__: property __proto__ should not exist',
      // Computed, so the key is a property rather than the prototype.
      fields: { ['__proto__']: ['property __proto__ should not exist'] },
    });
  });

  it('leaves the socket argument alone', async () => {
    const socket = { id: 's1' };
    await expect(new CommandValidationPipe().transform(socket, { type: 'custom' })).resolves.toBe(socket);
  });
});
