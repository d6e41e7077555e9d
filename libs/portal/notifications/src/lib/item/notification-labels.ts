import { NotificationKind } from '@derm/shared/contracts';

export const KIND_LABELS: Record<NotificationKind, string> = {
  general: 'Notice',
  'task-assigned': 'Task',
  'prior-auth-status': 'Prior authorization',
  'lab-result-ready': 'Lab result',
  'urgent-alert': 'Urgent alert',
  announcement: 'Announcement',
};
