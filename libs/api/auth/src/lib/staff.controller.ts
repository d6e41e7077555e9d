import { Controller, Get } from '@nestjs/common';
import { StaffMember } from '@derm/shared/contracts';
import { AuthenticatedUser } from './authenticated-user';
import { CurrentUser } from './http/current-user.decorator';
import { StaffDirectory } from './staff-directory.service';

@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffDirectory) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<StaffMember[]> {
    return this.staff.list(user.tenantId);
  }
}
