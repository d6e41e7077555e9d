export const STAFF_ROLES = ['provider', 'nurse', 'front-desk', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
}

/** Claims carried by the access token (JWT). */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  role: StaffRole;
  name: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}
