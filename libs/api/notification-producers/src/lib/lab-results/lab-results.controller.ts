import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { LabResultView } from '@derm/shared/contracts';
import { CreateLabResultDto } from './dto/create-lab-result.dto';
import { ListLabResultsQuery } from './dto/list-lab-results.query';
import { LabResultsService } from './lab-results.service';

@Controller('lab-results')
export class LabResultsController {
  constructor(private readonly results: LabResultsService) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() { patientId }: ListLabResultsQuery): Promise<LabResultView[]> {
    return this.results.list(user, patientId);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateLabResultDto): Promise<LabResultView> {
    return this.results.create(user, dto);
  }
}
