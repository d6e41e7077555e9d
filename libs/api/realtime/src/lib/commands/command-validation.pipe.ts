import { ArgumentMetadata, Injectable } from '@nestjs/common';
import { validationFields } from '@derm/api/config';
import { MAX_JSON_DEPTH, nestedDeeperThan, StrictValidationPipe } from '@derm/api/http';
import { CommandException } from './command.exception';

/**
 * Whether a payload is what JSON decodes an object to. Binary data (a Buffer, an ArrayBuffer, a
 * typed array or DataView: Socket.IO carries each as an attachment and hands the server a Buffer)
 * is an object too, but one class-transformer copies as a Buffer and the whitelist never looks
 * into: it would pass for a command that takes no field.
 */
const isJsonObject = (value: unknown): value is object => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * class-validator on command payloads, unknown properties refused as over REST; anything but a
 * plain object (an array, binary data, a string, a number, a boolean, null, or several arguments),
 * or one nested deeper than a REST body may be (class-validator would walk it until the stack
 * overflows), is refused up front.
 */
@Injectable()
export class CommandValidationPipe extends StrictValidationPipe {
  constructor() {
    super({
      transform: true,
      exceptionFactory: (errors) => {
        const fields = validationFields(errors);
        const summary = Object.entries(fields)
          .map(([field, problems]) => `${field}: ${problems.join(', ')}`)
          .join('; ');
        return new CommandException('VALIDATION_FAILED', summary || 'Invalid payload', fields);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return value;
    if (!isJsonObject(value)) {
      throw new CommandException('VALIDATION_FAILED', 'The payload must be a JSON object');
    }
    if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
      throw new CommandException('VALIDATION_FAILED', `The payload nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    return super.transform(value, metadata);
  }
}
