import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentsService } from './appointments.service';
import { CancelAppointmentDto } from './dto/cancel-appointment.dto';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { ListAppointmentsQuery } from './dto/list-appointments.query';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';

@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @Paginated()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListAppointmentsQuery): Promise<Page<AppointmentSummary>> {
    return this.appointments.listForDay(user, query.date, query);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateAppointmentDto): Promise<AppointmentSummary> {
    return this.appointments.create(user, dto);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAppointmentDto,
  ): Promise<AppointmentSummary> {
    return this.appointments.update(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() { reason }: CancelAppointmentDto,
  ): Promise<AppointmentSummary> {
    return this.appointments.cancel(user, id, reason);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  checkIn(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AppointmentSummary> {
    return this.appointments.checkIn(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Can('appointment:complete')
  complete(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AppointmentSummary> {
    return this.appointments.complete(user, id);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @Can('appointment:mark-no-show')
  markNoShow(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AppointmentSummary> {
    return this.appointments.markNoShow(user, id);
  }
}
