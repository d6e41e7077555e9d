import { NotificationPriority, PriorAuthStatus } from '@derm/shared/contracts';
import { noticeTitle } from '../notice-text';
import { PriorAuthEntity } from './prior-auth.entity';

const WORDING: Record<PriorAuthStatus, string> = {
  draft: 'drafted',
  submitted: 'submitted',
  approved: 'approved',
  denied: 'denied',
  'more-info-needed': 'needs more information',
};

/** A denial or a payer's question needs the provider's action; the rest is for information. */
export const priorAuthPriority = (status: PriorAuthStatus): NotificationPriority =>
  status === 'denied' || status === 'more-info-needed' ? 'high' : 'normal';

/** Names the procedure and the patient; the payer's reasons stay in the payer's system. Expects `patient` loaded. */
export const priorAuthNotice = (row: PriorAuthEntity) => ({
  kind: 'prior-auth-status' as const,
  priority: priorAuthPriority(row.status),
  title: noticeTitle(`Prior authorization ${WORDING[row.status]}`, row.procedure),
  body: row.patient.displayName,
  link: `/patients/${row.patientId}`,
});
