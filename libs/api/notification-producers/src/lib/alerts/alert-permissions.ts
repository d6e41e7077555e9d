import { MAX_ALERT_PEOPLE_WITHOUT_SEND_TO_EVERYONE as LIMIT } from '@derm/shared/contracts';
import { RequestBody, RequiredPermission } from '@derm/api/auth';

/**
 * Whom an alert goes to decides who may send it: a person, a whole role, or the whole clinic; naming
 * more people than the limit reaches as many as the whole clinic might, so it asks as much.
 */
export function alertPermissions(body: RequestBody): RequiredPermission[] {
  const to = typeof body?.['to'] === 'object' && body['to'] !== null ? (body['to'] as Record<string, unknown>) : {};
  // Each person once, as the alert reaches them once; anything but a list is refused by validation.
  const named = Array.isArray(to['userIds']) ? new Set(to['userIds']).size : 0;
  return [
    'alert:send-to-person',
    ...(to['role'] ? (['alert:send-to-role'] as const) : []),
    ...(to['everyone'] ? (['alert:send-to-everyone'] as const) : []),
    ...(named > LIMIT
      ? [{ permission: 'alert:send-to-everyone' as const, because: `alert more than ${LIMIT} people by name` }]
      : []),
  ];
}
