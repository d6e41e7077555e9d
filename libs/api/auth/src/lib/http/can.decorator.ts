import { SetMetadata } from '@nestjs/common';
import { Permission } from '@derm/shared/contracts';

export const REQUIRED_PERMISSIONS = 'auth:permissions';

/** The raw JSON body, before validation: rules read it defensively (garbage asks for more, never less). */
export type RequestBody = Record<string, unknown> | undefined;

/** A permission an action needs; with `because`, what about the request needs it (named in the refusal). */
export type RequiredPermission = Permission | { permission: Permission; because: string };

/** A permission, or the permissions an action needs given what it asks for (e.g. whom an alert goes to). */
export type PermissionRule = Permission | ((body: RequestBody) => RequiredPermission[]);

/** The caller's role must hold every permission these rules ask for (403 otherwise). */
export const Can = (...rules: PermissionRule[]) => SetMetadata(REQUIRED_PERMISSIONS, rules);
