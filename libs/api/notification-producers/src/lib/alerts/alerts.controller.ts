import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { AlertSummary } from '@derm/shared/contracts';
import { alertPermissions } from './alert-permissions';
import { AlertsService } from './alerts.service';
import { ListAlertsQuery } from './dto/list-alerts.query';
import { SendAlertDto } from './dto/send-alert.dto';

@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** The caller's recent alerts; admins see the whole clinic's. */
  @Get()
  @Paginated()
  recent(@CurrentUser() user: AuthenticatedUser, @Query() page: ListAlertsQuery): Promise<Page<AlertSummary>> {
    return this.alerts.recent(user, ListAlertsQuery.requestedPage(page));
  }

  @Get(':id')
  status(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
  ): Promise<AlertSummary> {
    return this.alerts.status(user, id);
  }

  @Post()
  @Can(alertPermissions)
  @AcceptsIdempotencyKey()
  send(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: SendAlertDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AlertSummary> {
    return this.alerts.send(user, dto, key);
  }
}
