import { Permission } from '@derm/shared/contracts';
import { RequestBody } from '@derm/api/auth';

/** Whom an alert goes to decides who may send it: a person, a whole role, or the whole clinic. */
export function alertPermissions(body: RequestBody): Permission[] {
  const to = typeof body?.['to'] === 'object' && body['to'] !== null ? (body['to'] as Record<string, unknown>) : {};
  return [
    'alert:send-to-person',
    ...(to['role'] ? (['alert:send-to-role'] as const) : []),
    ...(to['everyone'] ? (['alert:send-to-everyone'] as const) : []),
  ];
}
