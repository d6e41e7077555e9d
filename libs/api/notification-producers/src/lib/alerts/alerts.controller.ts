import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { AlertSummary } from '@derm/shared/contracts';
import { AlertsService } from './alerts.service';
import { SendAlertDto } from './dto/send-alert.dto';

@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** The caller's recent alerts; admins see the whole clinic's. */
  @Get()
  recent(@CurrentUser() user: AuthenticatedUser): Promise<AlertSummary[]> {
    return this.alerts.recent(user);
  }

  @Get(':id')
  status(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AlertSummary> {
    return this.alerts.status(user, id);
  }

  @Post()
  send(@CurrentUser() user: AuthenticatedUser, @Body() dto: SendAlertDto): Promise<AlertSummary> {
    return this.alerts.send(user, dto);
  }
}
