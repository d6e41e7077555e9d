import 'reflect-metadata';
import { BadRequestException, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_DOCUMENT_PATHS, OPENAPI_PAGE_PATH, serveOpenApi } from '@derm/api/api-docs';
import { AnonymousBodyGate, PublicDocumentBudget } from '@derm/api/auth';
import { Logger as StructuredLogger } from 'nestjs-pino';
import { AppConfig, validationFields } from '@derm/api/config';
import {
  answerClientErrors,
  answerRefusedBody,
  JSON_BODY_LIMIT,
  JsonShapePipe,
  noStore,
  securityHeaders,
  StrictValidationPipe,
  utf8Only,
} from '@derm/api/http';
import { RealtimeIoAdapter } from '@derm/api/realtime';
import { NEXT_CURSOR_HEADER } from '@derm/shared/contracts';
import { ClusterNode } from '@derm/api/redis';
import { AppModule } from './app/app.module';
import { exitOnCrash } from './exit-on-crash';

const logger = new Logger('Main');
/** A graceful stop that takes longer than this (a hung connection, an unreachable Redis) is cut short. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/** Paths answered by the API itself rather than the portal's files. */
const API_PREFIXES = ['/api', '/health'];

exitOnCrash(logger);

async function bootstrap(): Promise<void> {
  // The API takes JSON only, parsed below with a limit of its own.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(StructuredLogger));
  const config = app.get(AppConfig);
  // Which proxies' X-Forwarded-For names the client: the per-address sign-in limit keys on it.
  app.set('trust proxy', config.trustProxy);

  app.disable('x-powered-by');
  app.enableCors({ origin: config.corsOrigins, exposedHeaders: [NEXT_CURSOR_HEADER] });
  app.use(securityHeaders(API_PREFIXES, [`/${OPENAPI_PAGE_PATH}`]));
  app.use(API_PREFIXES, noStore);
  // Around the parser: an address that has spent its anonymous budget is refused before its body is read.
  const bodyGate = app.get(AnonymousBodyGate);
  app.use(bodyGate.beforeReading);
  // Compressed bodies are refused unread (415): inflated, they would pass every size measured before.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, inflate: false, verify: utf8Only });
  app.use(bodyGate.countRefused, answerRefusedBody);
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(
    new JsonShapePipe(),
    new StrictValidationPipe({
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({
          statusCode: 400,
          message: 'Validation failed',
          fields: validationFields(errors),
        }),
    }),
  );
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  // Before the documents' routes: the OpenAPI ones are Express's, where no Nest guard runs.
  app.use(API_DOCUMENT_PATHS, app.get(PublicDocumentBudget).middleware);
  serveOpenApi(app);
  // SIGTERM: readiness fails, sockets close so clients reconnect elsewhere, then Redis and the database.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref());
  }

  answerClientErrors(app.getHttpServer());
  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  logger.log(
    `derm-realtime node ${app.get(ClusterNode).id} is up: open ${url} (database: ${config.database.kind}, Socket.IO adapter: ${config.redisUrl ? 'redis-streams' : 'in-memory'})`,
  );
  if (config.usesDevelopmentSecret) logger.warn('JWT_SECRET is the development default: set it outside development.');
}

bootstrap().catch((error: unknown) => {
  // Start-up logs wait for the structured logger; a start that failed must still show them.
  Logger.flush();
  logger.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
