import { ArgumentMetadata, Injectable, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationError } from 'class-validator';

/**
 * Names of members every object has (`__proto__`, `constructor`, `toString`, …) and `prototype`:
 * Nest's ValidationPipe deletes such keys and class-transformer skips them, so the whitelist never
 * sees them and would let a payload that holds them through.
 */
const isObjectMemberName = (key: string): boolean => key === 'prototype' || key in Object.prototype;

/**
 * class-validator's whitelist error for each own key of `value`, at any depth, named like a member
 * of every object; no DTO has such a property, so each is unknown. Recursive: it runs after the
 * JSON depth checks, as class-validator itself does.
 */
export function objectMemberKeyErrors(value: unknown): ValidationError[] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  return Object.entries(value).flatMap(([property, child]): ValidationError[] => {
    if (isObjectMemberName(property)) {
      return [
        Object.assign(new ValidationError(), {
          property,
          value: child,
          constraints: { whitelistValidation: `property ${property} should not exist` },
          children: [],
        }),
      ];
    }
    const children = objectMemberKeyErrors(child);
    return children.length > 0 ? [Object.assign(new ValidationError(), { property, children })] : [];
  });
}

/** The errors the inner validation found, caught to be answered with those found before it. */
class InnerRefusal {
  constructor(readonly errors: ValidationError[]) {}
}

/**
 * ValidationPipe that refuses every property its DTO does not declare, those named like members of
 * every object too (looked for in the value as sent, before transformation drops them), each named
 * with the other faults in one answer built by `exceptionFactory`. REST and socket commands share it.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  private readonly refuse: (errors: ValidationError[]) => unknown;

  constructor(options: Omit<ValidationPipeOptions, 'whitelist' | 'forbidNonWhitelisted'> = {}) {
    super({
      ...options,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => new InnerRefusal(errors),
    });
    this.refuse = options.exceptionFactory ?? this.createExceptionFactory();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Before the pipe: it deletes some of these keys from the value in place.
    const memberKeys = this.toValidate(metadata) ? objectMemberKeyErrors(value) : [];
    let others: ValidationError[] = [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof InnerRefusal)) throw error;
      others = error.errors;
    }
    const errors = [...memberKeys, ...others];
    if (errors.length > 0) throw await this.refuse(errors);
    return transformed;
  }
}
