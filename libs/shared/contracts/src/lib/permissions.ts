import { StaffRole } from './roles';

/**
 * What each role of a dermatology practice may do, beyond reading its own clinic's schedule,
 * patients, threads and inbox (every role may). The API enforces it (`@Can`); the portal may read
 * it to offer only what the server will accept.
 */
export const PERMISSIONS = {
  /**
   * A must-acknowledge urgent alert to named colleagues ("room 3 needs a nurse"), up to
   * `MAX_ALERT_PEOPLE_WITHOUT_SEND_TO_EVERYONE` of them.
   */
  'alert:send-to-person': ['provider', 'nurse', 'front-desk', 'admin'],
  /** An urgent alert to everyone of one role ("any provider to the front desk"). */
  'alert:send-to-role': ['provider', 'nurse', 'admin'],
  /** An urgent alert to the whole clinic, admins included (an emergency, a fire drill). */
  'alert:send-to-everyone': ['provider', 'admin'],
  /** A clinic-wide announcement (closures, meetings). */
  'announcement:post': ['admin'],
  /** Start a prior authorization and record its progress (submitted, more information needed). */
  'prior-auth:track': ['provider', 'nurse', 'front-desk', 'admin'],
  /** Record the payer's decision: approved or denied. */
  'prior-auth:decide': ['provider', 'nurse', 'admin'],
  /** File a lab result to the chart, which tells the ordering provider. */
  'lab-result:file': ['provider', 'nurse'],
  /** Mark a checked-in visit completed: the clinical staff who saw the patient. */
  'appointment:complete': ['provider', 'nurse'],
  /** Mark a patient who never came a no-show: those who run the front of the clinic. */
  'appointment:mark-no-show': ['front-desk', 'nurse', 'admin'],
  /** Read who opened which patient's chart. */
  'audit:read-chart-views': ['admin'],
  /** Read who read which patient's records over the REST API (`PATIENT_RECORD_READS`), and the lists carrying many. */
  'audit:read-record-reads': ['admin'],
  /** Watch the clinic's live operations page: connected staff, events per minute, refused connections. */
  'operations:watch': ['admin'],
  /** Change a colleague's role, deactivate or reactivate an account. */
  'staff:administer': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The most colleagues an alert may name without `alert:send-to-everyone`: naming more is in effect
 * an alert to many (listing every colleague is the whole clinic), so it needs the broad permission.
 */
export const MAX_ALERT_PEOPLE_WITHOUT_SEND_TO_EVERYONE = 10;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function roleMay(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
