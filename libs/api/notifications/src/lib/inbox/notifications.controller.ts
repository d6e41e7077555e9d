import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey } from '@derm/api/database';
import {
  MarkNotificationsReadResult,
  NEXT_CURSOR_HEADER,
  NotificationList,
  NotificationView,
} from '@derm/shared/contracts';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { MarkNotificationsReadDto } from './dto/mark-read.dto';
import { NotificationInbox } from './notification-inbox.service';
import { NotificationsService } from './notifications.service';

/** The caller's own inbox. */
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly notifications: NotificationsService,
  ) {}

  /** An object rather than a list, so the next page's cursor is set here rather than by `@Paginated()`. */
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListNotificationsQuery,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<NotificationList> {
    const { nextCursor, ...page } = await this.inbox.list(user, query);
    if (nextCursor) response.setHeader(NEXT_CURSOR_HEADER, nextCursor);
    return page;
  }

  @Post('read')
  @HttpCode(200)
  async markRead(
    @CurrentUser() user: AuthenticatedUser,
    @Body() { ids, all }: MarkNotificationsReadDto,
  ): Promise<MarkNotificationsReadResult> {
    const count = all ? await this.notifications.markAllRead(user) : await this.notifications.markRead(user, ids ?? []);
    return { count };
  }

  @Post(':id/ack')
  @HttpCode(200)
  @AcceptsIdempotencyKey()
  acknowledge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<NotificationView> {
    return this.notifications.acknowledge(user, id, idempotencyKey);
  }
}
