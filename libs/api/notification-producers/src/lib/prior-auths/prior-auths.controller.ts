import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { PriorAuthView } from '@derm/shared/contracts';
import { CreatePriorAuthDto } from './dto/create-prior-auth.dto';
import { ListPriorAuthsQuery } from './dto/list-prior-auths.query';
import { UpdatePriorAuthDto } from './dto/update-prior-auth.dto';
import { PriorAuthsService } from './prior-auths.service';

@Controller('prior-auths')
export class PriorAuthsController {
  constructor(private readonly priorAuths: PriorAuthsService) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() { patientId }: ListPriorAuthsQuery): Promise<PriorAuthView[]> {
    return this.priorAuths.list(user, patientId);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<PriorAuthView> {
    return this.priorAuths.get(user, id);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreatePriorAuthDto): Promise<PriorAuthView> {
    return this.priorAuths.create(user, dto);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePriorAuthDto,
  ): Promise<PriorAuthView> {
    return this.priorAuths.updateStatus(user, id, dto);
  }
}
