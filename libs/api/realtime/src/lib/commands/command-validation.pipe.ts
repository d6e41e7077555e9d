import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { validationFields } from '@derm/api/config';
import { CommandException } from './command.exception';

/** class-validator on command payloads; anything but a plain object is refused up front. */
@Injectable()
export class CommandValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
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
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CommandException('VALIDATION_FAILED', 'The payload must be a JSON object');
    }
    return super.transform(value, metadata);
  }
}
