import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { readableLogStream } from './readable-log-stream';
import { REDACTED, REDACTED_PATHS, requestSummary } from './log-redaction';

/** A caller's own request id is kept when it looks like one, so a trace can follow it across services. */
const REQUEST_ID = /^[\w-]{1,64}$/;
/** Probes and scrapes every few seconds would drown the requests that matter. */
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Structured logs (pino through nestjs-pino): every Nest logger writes JSON with its context,
 * every HTTP request is logged once with its id, status and duration, and tokens, passwords,
 * message bodies and patient names are redacted in the first three levels of every line.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: [
          {
            level: config.logLevel,
            redact: { paths: REDACTED_PATHS, censor: REDACTED },
            genReqId: requestId,
            serializers: {
              req: requestSummary,
              res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          },
          // Written off the event loop: lines queued while a write is under way leave together.
          config.logFormat === 'pretty' ? readableLogStream() : pino.destination({ dest: 1, sync: false }),
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
