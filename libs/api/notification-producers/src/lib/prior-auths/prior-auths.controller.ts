import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { AuditsPatientRead, patientFilter, patientOfAnswer } from '@derm/api/patients';
import { PriorAuthView } from '@derm/shared/contracts';
import { CreatePriorAuthDto } from './dto/create-prior-auth.dto';
import { ListPriorAuthsQuery } from './dto/list-prior-auths.query';
import { UpdatePriorAuthDto } from './dto/update-prior-auth.dto';
import { priorAuthStatusPermissions } from './prior-auth-permissions';
import { PriorAuthsService } from './prior-auths.service';

@Controller('prior-auths')
export class PriorAuthsController {
  constructor(private readonly priorAuths: PriorAuthsService) {}

  /**
   * With `patientId`, a read of that patient's prior authorizations; without, a page of the
   * clinic's, recorded with no patient: in the access log either way.
   */
  @Get()
  @Paginated()
  @AuditsPatientRead('prior-auths', patientFilter('patientId'), 'prior-auth-list')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListPriorAuthsQuery): Promise<Page<PriorAuthView>> {
    return this.priorAuths.list(user, query.patientId, ListPriorAuthsQuery.requestedPage(query));
  }

  /** A read of its patient's prior authorization, in the access log. */
  @Get(':id')
  @AuditsPatientRead('prior-auth', patientOfAnswer)
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseLowerCaseUuidPipe) id: string): Promise<PriorAuthView> {
    return this.priorAuths.get(user, id);
  }

  @Post()
  @Can('prior-auth:track')
  @AcceptsIdempotencyKey()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreatePriorAuthDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<PriorAuthView> {
    return this.priorAuths.create(user, dto, key);
  }

  @Patch(':id')
  @Can(priorAuthStatusPermissions)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
    @Body() dto: UpdatePriorAuthDto,
  ): Promise<PriorAuthView> {
    return this.priorAuths.updateStatus(user, id, dto);
  }
}
