import { Controller, Get } from '@nestjs/common';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { OperationsSnapshot } from '@derm/shared/contracts';
import { OperationsService } from './operations.service';

@Controller('operations')
@Can('operations:watch')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get()
  snapshot(@CurrentUser() user: AuthenticatedUser): Promise<OperationsSnapshot> {
    return this.operations.snapshot(user.tenantId);
  }
}
