import type { DestinationStream } from 'pino';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

interface LogLine {
  level: number;
  time: number;
  msg?: string;
  context?: string;
  err?: { stack?: string };
  [key: string]: unknown;
}

/** Fields printed as the line itself rather than as `key=value` after it. */
const SHOWN = new Set(['level', 'time', 'msg', 'context', 'err', 'pid', 'hostname']);

/** One readable line per log object, for a person at a terminal (`LOG_FORMAT=pretty`). */
export function readableLogStream(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(json: string) {
      const line = JSON.parse(json) as LogLine;
      const time = new Date(line.time).toISOString().slice(11, 23);
      const context = line.context ? `[${line.context}] ` : '';
      const extra = Object.entries(line)
        .filter(([key]) => !SHOWN.has(key))
        .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join(' ');
      const stack = line.err?.stack ? `\n${line.err.stack}` : '';
      out.write(
        `${time} ${LEVELS[line.level] ?? line.level} ${context}${line.msg ?? ''}${extra ? ` ${extra}` : ''}${stack}\n`,
      );
    },
  };
}
