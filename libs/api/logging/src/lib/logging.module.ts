import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { readableLogStream } from './readable-log-stream';
import { REDACTED, REDACTED_PATHS, requestSummary } from './log-redaction';
import { SocketLog } from './socket-log';
import { isRequestLogLeftOut } from './left-out-request-log';

/**
 * A caller's own request id is kept when it is a plain id, so a trace can follow it across
 * services; anything else (long, spaced, punctuated, or outside ASCII) could garble or pad the
 * log, and is replaced by a new one.
 */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Probes and scrapes every few seconds would drown the requests that matter. */
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;
/** Lines leave standard output in writes of this size, or after LOG_FLUSH_MS, whichever comes first. */
const LOG_WRITE_BYTES = 4096;
const LOG_FLUSH_MS = 1000;

/**
 * Standard output, written off the event loop and in batches: a line per write cost a system call
 * per line, which a storm of connections pays thousands of times a second. Quiet periods still
 * see each line within LOG_FLUSH_MS, and pino flushes what is buffered when the process exits.
 */
function batchedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_WRITE_BYTES });
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return destination;
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

function requestLogLevel(res: ServerResponse, error: Error | undefined): pino.LevelWithSilent {
  if (isRequestLogLeftOut(res)) return 'silent';
  if (error || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * Structured logs (pino through nestjs-pino): every Nest logger writes JSON with its context,
 * every HTTP request is logged once with its id, status and duration, and tokens, passwords,
 * message bodies and patient names are redacted in the first three levels of every line but the
 * socket lines, which carry ids only (`SocketLog`).
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
            customLogLevel: (_req, res, error) => requestLogLevel(res, error),
          },
          config.logFormat === 'pretty' ? readableLogStream() : batchedStdout(),
        ],
      }),
    }),
  ],
  providers: [SocketLog],
  exports: [SocketLog],
})
export class LoggingModule {}
