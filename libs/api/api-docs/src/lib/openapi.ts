import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the OpenAPI document and its browsable page are served (see the docs policy in @derm/api/http). */
export const OPENAPI_JSON_PATH = 'api/openapi.json';
export const OPENAPI_PAGE_PATH = 'api/docs';

/** The REST API's OpenAPI document, read from the controllers themselves, and a page to browse it. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('derm-realtime REST API')
    .setDescription('REST is the source of truth; the Socket.IO surface is described at /api/asyncapi.json.')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_PAGE_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
}
