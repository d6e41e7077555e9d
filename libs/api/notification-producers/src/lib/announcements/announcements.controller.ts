import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser, Can } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { AnnouncementView } from '@derm/shared/contracts';
import { AnnouncementsService } from './announcements.service';
import { CreateAnnouncementDto } from './dto/create-announcement.dto';
import { ListAnnouncementsQuery } from './dto/list-announcements.query';

@Controller('announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Get()
  @Paginated()
  recent(
    @CurrentUser() user: AuthenticatedUser,
    @Query() page: ListAnnouncementsQuery,
  ): Promise<Page<AnnouncementView>> {
    return this.announcements.recent(user, ListAnnouncementsQuery.requestedPage(page));
  }

  @Post()
  @Can('announcement:post')
  @AcceptsIdempotencyKey()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateAnnouncementDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<AnnouncementView> {
    return this.announcements.create(user, dto, key);
  }
}
