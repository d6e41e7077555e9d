import 'reflect-metadata';
import { BadRequestException, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, validationFields } from '@derm/api/config';
import { RealtimeIoAdapter } from '@derm/api/realtime';
import { NEXT_CURSOR_HEADER } from '@derm/shared/contracts';
import { ClusterNode } from '@derm/api/redis';
import { AppModule } from './app/app.module';

const logger = new Logger('Main');
/** A graceful stop that takes longer than this (a hung connection, an unreachable Redis) is cut short. */
const SHUTDOWN_DEADLINE_MS = 15_000;

// A failure in one handshake or handler must never take every clinic's connections down with it.
process.on('unhandledRejection', (reason) => logger.error('Unhandled rejection', reason instanceof Error ? reason.stack : reason));
process.on('uncaughtException', (error) => logger.error('Uncaught exception', error.stack));

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  const config = app.get(AppConfig);

  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });
  app.enableCors({ origin: config.corsOrigins, exposedHeaders: [NEXT_CURSOR_HEADER] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({ statusCode: 400, message: 'Validation failed', fields: validationFields(errors) }),
    }),
  );
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  // SIGTERM: readiness fails, sockets close so clients reconnect elsewhere, then Redis and the database.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref());
  }

  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  logger.log(
    `derm-realtime node ${app.get(ClusterNode).id} is up: open ${url} (database: ${config.database.kind}, Socket.IO adapter: ${config.redisUrl ? 'redis-streams' : 'in-memory'})`,
  );
  if (config.usesDevelopmentSecret) logger.warn('JWT_SECRET is the development default: set it outside development.');
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
