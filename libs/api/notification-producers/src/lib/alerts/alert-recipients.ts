import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AuthenticatedUser, requireActive, StaffDirectory } from '@derm/api/auth';
import { AlertRecipients, StaffRole } from '@derm/shared/contracts';

const invalidTarget = (problem: string) =>
  new BadRequestException({ statusCode: 400, message: 'Validation failed', fields: { to: [problem] } });

/** Named people, a role, everyone, or a mix of active staff; never the sender, never staff of another clinic. */
export async function resolveAlertRecipients(
  staff: StaffDirectory,
  sender: AuthenticatedUser,
  to: AlertRecipients & { role?: StaffRole },
): Promise<string[]> {
  const named = [...new Set(to.userIds ?? [])];
  if (named.length === 0 && !to.role && !to.everyone) {
    throw invalidTarget('to must name userIds, a role or everyone');
  }
  const recipients = new Set<string>();
  if (named.length > 0) {
    const found = await staff.findMany(sender.tenantId, named);
    if (found.length !== named.length) throw new NotFoundException('Some recipients were not found');
    requireActive(found);
    found.forEach((member) => recipients.add(member.id));
  }
  if (to.role) (await staff.withRole(sender.tenantId, to.role)).forEach((member) => recipients.add(member.id));
  if (to.everyone) (await staff.active(sender.tenantId)).forEach((member) => recipients.add(member.id));
  recipients.delete(sender.userId);
  if (recipients.size === 0) throw invalidTarget('the alert would reach no one but the sender');
  return [...recipients];
}
