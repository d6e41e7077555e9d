import { nowInSeconds } from '../access-token.service';

/*
 * Sessions signed in at or before an account's revocation (`auth_time <= sessionsRevokedAt`, whole
 * seconds) stay revoked. Both times are taken after the account's last revocation, so that within
 * one second a sign-in after a reactivation outlives the deactivation before it and not the one
 * after it.
 */

const secondsOf = (revokedAt: Date | null): number => (revokedAt ? Math.floor(revokedAt.getTime() / 1000) : 0);

/** A sign-in's `auth_time`: after the last revocation, even one in this same second. */
export function signInTimeAfter(sessionsRevokedAt: Date | null): number {
  return Math.max(nowInSeconds(), secondsOf(sessionsRevokedAt) + 1);
}

/** A new revocation: never earlier than an `auth_time` handed out since the last one (`signInTimeAfter`). */
export function revocationAfter(sessionsRevokedAt: Date | null): Date {
  return new Date(Math.max(Date.now(), (secondsOf(sessionsRevokedAt) + 1) * 1000));
}
