import { Permission } from '@derm/shared/contracts';
import { RequestBody } from '@derm/api/auth';

const DECISIONS: unknown[] = ['approved', 'denied'];

/** Recording the payer's decision is a permission of its own; any other status is progress. */
export function priorAuthStatusPermissions(body: RequestBody): Permission[] {
  return DECISIONS.includes(body?.['status']) ? ['prior-auth:decide'] : ['prior-auth:track'];
}
