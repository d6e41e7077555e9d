export const STAFF_ROLES = ['provider', 'nurse', 'front-desk', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
}

/** `PATCH /api/staff/:id` (admins, own clinic): deactivating also ends every session at once. */
export interface UpdateStaffRequest {
  active?: boolean;
  role?: StaffRole;
}

export interface StaffAccount extends StaffMember {
  active: boolean;
}

/**
 * `staff:changed`: an account of the clinic was deactivated, reactivated or given another role,
 * for everyone of the clinic, so every list of colleagues follows at once.
 */
export interface StaffChangedData {
  account: StaffAccount;
}

/** Claims carried by the access token (JWT). */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  role: StaffRole;
  name: string;
  /** Session id: every token refreshed from one sign-in carries the same one. */
  sid: string;
  /** When the session signed in (seconds since the epoch); bounds refreshing. */
  auth_time: number;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}
