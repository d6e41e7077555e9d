import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller';

/** The API's machine-readable contracts: AsyncAPI here, OpenAPI through `serveOpenApi`. */
@Module({ controllers: [AsyncApiController] })
export class ApiDocsModule {}
