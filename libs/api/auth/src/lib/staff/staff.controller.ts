import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { Page, Paginated } from '@derm/api/database';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { StaffAccount, StaffMember } from '@derm/shared/contracts';
import { AuthenticatedUser } from '../authenticated-user';
import { UpdateStaffDto } from '../dto/update-staff.dto';
import { CurrentUser } from '../http/current-user.decorator';
import { Can } from '../http/can.decorator';
import { StaffDirectory } from '../staff-directory.service';
import { ListStaffQuery } from './list-staff.query';
import { StaffAdministration } from './staff-administration.service';

@Controller('staff')
export class StaffController {
  constructor(
    private readonly staff: StaffDirectory,
    private readonly administration: StaffAdministration,
  ) {}

  /** The clinic's active colleagues, whom anyone may pick for a conversation, an alert or a visit. */
  @Get()
  @Paginated()
  list(@CurrentUser() user: AuthenticatedUser, @Query() page: ListStaffQuery): Promise<Page<StaffMember>> {
    return this.staff.page(user.tenantId, ListStaffQuery.requestedPage(page));
  }

  /** Every account of the clinic, deactivated ones included, for its admins to manage. */
  @Get('accounts')
  @Paginated()
  @Can('staff:administer')
  accounts(@CurrentUser() admin: AuthenticatedUser, @Query() page: ListStaffQuery): Promise<Page<StaffAccount>> {
    return this.staff.accountsPage(admin.tenantId, ListStaffQuery.requestedPage(page));
  }

  @Patch(':id')
  @Can('staff:administer')
  update(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Body() dto: UpdateStaffDto,
  ): Promise<StaffAccount> {
    return this.administration.update(admin, id, dto);
  }
}
