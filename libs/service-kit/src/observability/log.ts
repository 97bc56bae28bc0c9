import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

/**
 * The service's log: one JSON object per line (`LOG_FORMAT=json`, what containers run), or the same
 * lines made readable for a person (`text`, what `npm start` runs). Every line carries the service's
 * name; request lines carry the trace id. Nothing personal is ever logged: requests are logged by their
 * route template, refusals by their code (docs/operations.md, "Logs").
 */
export function createLog(
  service: string,
  format: 'text' | 'json',
  level = process.env.LOG_LEVEL ?? 'info',
): Logger {
  const options = { base: { service }, level, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'json') return pino(options, bufferedStdout());
  // Loaded only here: a service logging JSON (what containers run) never needs pino-pretty's code
  // (≈ 0.5 MiB of heap). `require`, not `import()`: the same CommonJS build as everywhere else.
  const pretty = require('pino-pretty') as typeof PinoPretty;
  return pino(
    options,
    pretty({
      colorize: !process.env.NO_COLOR && process.stdout.isTTY,
      sync: true,
      ignore: 'pid,hostname,service,context',
      // `npm start` names the service before every line; the fields follow the message on its line.
      messageFormat: '{if context}{context}: {end}{msg}',
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
    }),
  );
}

/** How long a JSON log line may wait to be written with others (`bufferedStdout`). */
export const LOG_FLUSH_MS = 200;

/**
 * Standard output written in chunks of 4 KiB, or every `LOG_FLUSH_MS`, instead of one `write` per line:
 * a service under load logs a line per request, and the synchronous write of each (a system call, and
 * the reader's wake-up on the pipe) cost outreach ≈ 17% of its CPU per visit in the write-path benchmark.
 * pino writes what is left synchronously when the process exits, an uncaught exception included
 * (log.int.spec.ts); a `kill -9` loses at most the last `LOG_FLUSH_MS` of lines.
 */
function bufferedStdout() {
  const out = pino.destination({ dest: 1, minLength: 4096, sync: false });
  // Only when a line came since the last flush: sonic-boom's flush writes (an empty string, through
  // libuv's thread pool) even with nothing buffered, five times a second in an idle service.
  let written = false;
  const write = out.write.bind(out);
  out.write = (line: string) => ((written = true), write(line));
  setInterval(() => {
    if (!written) return;
    written = false;
    out.flush();
  }, LOG_FLUSH_MS).unref();
  return out;
}

let current: Logger | undefined;

/** The process's log once the service has started (`useLog`); a plain JSON log before that. */
export const log = (): Logger => (current ??= pino({ timestamp: pino.stdTimeFunctions.isoTime }));

export function useLog(logger: Logger): void {
  current = logger;
}

/** Nest's own messages (and every `new Logger(context)` in the code) into the same log. */
export class NestLog implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  /** Nest passes `(message, stack?, context?)`. */
  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' && rest.length > 0 ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    this.logger.error({ context, ...(stack ? { stack } : {}) }, String(message));
  }

  private write(
    level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
