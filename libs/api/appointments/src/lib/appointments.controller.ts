import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentsService } from './appointments.service';
import { CancelAppointmentDto } from './dto/cancel-appointment.dto';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { ListAppointmentsQuery } from './dto/list-appointments.query';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';

/**
 * Every write takes an `Idempotency-Key`: a retry of one that went through answers the first
 * appointment. Without one, a repeat is a new request (a second cancellation is a 409).
 */
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @Paginated()
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListAppointmentsQuery,
  ): Promise<Page<AppointmentSummary>> {
    return this.appointments.listForDay(user, query.date, ListAppointmentsQuery.requestedPage(query));
  }

  @Post()
  @AcceptsIdempotencyKey()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateAppointmentDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.create(user, dto, key);
  }

  @Patch(':id')
  @AcceptsIdempotencyKey()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAppointmentDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.update(user, id, dto, key);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AcceptsIdempotencyKey()
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() { reason }: CancelAppointmentDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.cancel(user, id, reason, key);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @AcceptsIdempotencyKey()
  checkIn(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.checkIn(user, id, key);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Can('appointment:complete')
  @AcceptsIdempotencyKey()
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.complete(user, id, key);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @Can('appointment:mark-no-show')
  @AcceptsIdempotencyKey()
  markNoShow(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.markNoShow(user, id, key);
  }
}
