import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuditsPatientListRead, AuditsPatientRead, patientOfAnswer } from '@derm/api/patients';
import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentETagInterceptor } from './appointment-etag.interceptor';
import { AppointmentsService } from './appointments.service';
import { CancelAppointmentDto } from './dto/cancel-appointment.dto';
import { CreateAppointmentDto } from './dto/create-appointment.dto';
import { ListAppointmentsQuery } from './dto/list-appointments.query';
import { UpdateAppointmentDto } from './dto/update-appointment.dto';
import { AcceptsIfMatch, IfMatch } from './if-match.decorator';

/**
 * Every write takes an `Idempotency-Key`: a retry of one that went through answers the first
 * appointment. Without one, a repeat is a new request (a second cancellation is a 409). Every
 * answer that is one appointment carries its version as the `ETag`; a move or cancellation sent
 * with it as `If-Match` is refused (412) if someone changed the appointment since.
 */
@Controller('appointments')
@UseInterceptors(AppointmentETagInterceptor)
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** A page of the day's schedule, naming each visit's patient: in the access log, with no patient. */
  @Get()
  @Paginated()
  @AuditsPatientListRead('schedule')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListAppointmentsQuery,
  ): Promise<Page<AppointmentSummary>> {
    return this.appointments.listForDay(user, query.date, ListAppointmentsQuery.requestedPage(query));
  }

  /** A read of its patient's visit, in the access log. */
  @Get(':id')
  @AuditsPatientRead('visit', patientOfAnswer)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
  ): Promise<AppointmentSummary> {
    return this.appointments.get(user, id);
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
  @AcceptsIfMatch()
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Body() dto: UpdateAppointmentDto,
    @IdempotencyKey() key: string | undefined,
    @IfMatch() versions: number[] | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.update(user, id, dto, key, versions);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AcceptsIdempotencyKey()
  @AcceptsIfMatch()
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Body() { reason }: CancelAppointmentDto,
    @IdempotencyKey() key: string | undefined,
    @IfMatch() versions: number[] | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.cancel(user, id, reason, key, versions);
  }

  @Post(':id/check-in')
  @HttpCode(200)
  @AcceptsIdempotencyKey()
  checkIn(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
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
    @Param('id', ParseLowerCaseUuidPipe) id: string,
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
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AppointmentSummary> {
    return this.appointments.markNoShow(user, id, key);
  }
}
