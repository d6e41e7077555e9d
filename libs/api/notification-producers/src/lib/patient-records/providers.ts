import { BadRequestException, NotFoundException } from '@nestjs/common';
import { requireActive, StaffDirectory } from '@derm/api/auth';
import { StaffMember } from '@derm/shared/contracts';

/**
 * The clinic's active provider with this id: 404 for anyone unknown here, 400 for staff who are
 * not providers, 409 for a provider who has been deactivated.
 */
export async function clinicProvider(staff: StaffDirectory, tenantId: string, id: string): Promise<StaffMember> {
  const provider = await staff.findOne(tenantId, id);
  if (!provider) throw new NotFoundException(`Provider ${id} not found`);
  if (provider.role !== 'provider') throw new BadRequestException(`${provider.name} is not a provider`);
  requireActive([provider]);
  return provider;
}
