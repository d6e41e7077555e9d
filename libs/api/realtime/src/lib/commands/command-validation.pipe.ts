import { ArgumentMetadata, Injectable } from '@nestjs/common';
import { validationFields } from '@derm/api/config';
import { jsonShapeFault, StrictValidationPipe } from '@derm/api/http';
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
 * or one nested deeper or holding more keys than a REST body may (`jsonShapeFault`), is refused up
 * front.
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
    const fault = jsonShapeFault(value);
    if (fault) throw new CommandException('VALIDATION_FAILED', `The payload ${fault}`);
    return super.transform(value, metadata);
  }
}
