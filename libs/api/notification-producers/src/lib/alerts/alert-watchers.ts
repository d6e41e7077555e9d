import { StaffDirectory } from '@derm/api/auth';

/**
 * Who follows an alert (its `alert:sent`, `alert:status` and `alert:escalated`): its sender and the
 * clinic's admins, nobody else.
 */
export async function alertWatchers(staff: StaffDirectory, tenantId: string, senderId: string): Promise<string[]> {
  const admins = await staff.withRole(tenantId, 'admin');
  return [...new Set([senderId, ...admins.map((admin) => admin.id)])];
}
