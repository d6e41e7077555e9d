import { Body, Controller, Get, Post } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser, Roles } from '@derm/api/auth';
import { AnnouncementView } from '@derm/shared/contracts';
import { AnnouncementsService } from './announcements.service';
import { CreateAnnouncementDto } from './dto/create-announcement.dto';

@Controller('announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Get()
  recent(@CurrentUser() user: AuthenticatedUser): Promise<AnnouncementView[]> {
    return this.announcements.recent(user);
  }

  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateAnnouncementDto): Promise<AnnouncementView> {
    return this.announcements.create(user, dto);
  }
}
