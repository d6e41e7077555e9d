import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { AcceptsIdempotencyKey, IdempotencyKey, Page, Paginated } from '@derm/api/database';
import { AuditsPatientRead, patientFilter } from '@derm/api/patients';
import { LabResultView } from '@derm/shared/contracts';
import { CreateLabResultDto } from './dto/create-lab-result.dto';
import { ListLabResultsQuery } from './dto/list-lab-results.query';
import { LabResultsService } from './lab-results.service';

@Controller('lab-results')
export class LabResultsController {
  constructor(private readonly results: LabResultsService) {}

  /**
   * With `patientId`, a read of that patient's lab results; without, a page of the clinic's,
   * recorded with no patient: in the access log either way.
   */
  @Get()
  @Paginated()
  @AuditsPatientRead('lab-results', patientFilter('patientId'), 'lab-result-list')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListLabResultsQuery): Promise<Page<LabResultView>> {
    return this.results.list(user, query.patientId, ListLabResultsQuery.requestedPage(query));
  }

  @Post()
  @Can('lab-result:file')
  @AcceptsIdempotencyKey()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateLabResultDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<LabResultView> {
    return this.results.create(user, dto, key);
  }
}
