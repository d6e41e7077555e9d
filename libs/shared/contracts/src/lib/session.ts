import { PresenceDelivery } from './presence';
import { StaffMember, StaffRole } from './roles';

/** Socket.IO's `auth` object: the access token, and how this socket wants presence delivered. */
export interface HandshakeAuth {
  token: string;
  presence?: PresenceDelivery;
}

export interface SessionReady {
  userId: string;
  tenantId: string;
  role: StaffRole;
  /** True when connection-state recovery restored the events missed while disconnected. */
  recovered: boolean;
  serverTime: string;
}

export interface SessionExpired {
  /** `TOKEN_EXPIRED`: the token's lifetime ran out; `REVOKED`: signed out or deactivated. */
  reason: 'TOKEN_EXPIRED' | 'REVOKED';
  expiredAt: string;
}

export interface SessionRefreshCommand {
  token: string;
}

export interface SessionRefreshResult {
  expiresAt: string;
}

/** The longest email and password the sign-in takes; the form takes no more. */
export const LOGIN_EMAIL_MAX_LENGTH = 320;
export const LOGIN_PASSWORD_MAX_LENGTH = 200;

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  /** `timeZone`: the clinic's IANA zone, in which the portal shows and books every time. */
  user: StaffMember & { tenantId: string; tenantName: string; email: string; timeZone: string };
}
