import type { ValidationError } from 'class-validator';

/**
 * class-validator errors as `{ "to.userIds": ["…"] }`, for 400 bodies and error acks alike. A
 * field left out says that alone (its `@IsDefined` message, else "<field> is required"), not
 * every rule a value of it would have had to meet.
 */
export function validationFields(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  return Object.fromEntries(
    errors.flatMap((error) => {
      const path = `${prefix}${error.property}`;
      const own: [string, string[]][] = error.constraints ? [[path, messages(path, error)]] : [];
      return [...own, ...Object.entries(validationFields(error.children ?? [], `${path}.`))];
    }),
  );
}

function messages(path: string, { value, constraints = {} }: ValidationError): string[] {
  if (value !== undefined) return Object.values(constraints);
  return [constraints['isDefined'] ?? `${path} is required`];
}
