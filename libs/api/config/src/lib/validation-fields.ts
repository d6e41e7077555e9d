import type { ValidationError } from 'class-validator';

/** class-validator errors as `{ "to.userIds": ["…"] }`, for 400 bodies and error acks alike. */
export function validationFields(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  return Object.fromEntries(
    errors.flatMap((error) => {
      const path = `${prefix}${error.property}`;
      const own: [string, string[]][] = error.constraints ? [[path, Object.values(error.constraints)]] : [];
      return [...own, ...Object.entries(validationFields(error.children ?? [], `${path}.`))];
    }),
  );
}
