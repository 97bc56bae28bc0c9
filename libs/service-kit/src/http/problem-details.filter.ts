import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { countRefusedRequest } from '../observability/rpc-observer';
import {
  TooManyAttemptsError,
  isFailure,
  retryAfterSeconds,
  toProblem,
  type ProblemDetails,
} from '../problem-details';

/**
 * Maps every error to RFC 9457 problem details: HTTP responses with `application/problem+json`,
 * NATS replies as `{ err: problem }`. Failures (`isFailure`) are logged with their stack, without request
 * data; unexpected errors become 500s.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(err: unknown, host: ArgumentsHost): Observable<never> | void {
    const problem = err instanceof HttpException ? fromHttpException(err) : toProblem(err);
    if (isFailure(problem)) this.logger.error((err as Error)?.stack ?? String(err));
    if (host.getType() === 'rpc') {
      countRefusedRequest(err, host.switchToRpc().getContext<NatsContext>(), problem.status);
      return throwError(() => problem);
    }
    const res = host.switchToHttp().getResponse<Response>();
    res.locals.problemCode = problem.code; // for the request's log line (observeRequests)
    // NATS or the database away, or the service busy: say when to try again (the same command id, so
    // nothing is doubled), spread so that those refused together do not come back together.
    if (problem.status === 503) res.setHeader('Retry-After', String(retryAfterSeconds()));
    if (err instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').json(problem);
  }
}

function fromHttpException(err: HttpException): ProblemDetails {
  const status = err.getStatus();
  const titles: Record<number, string> = {
    400: 'Yêu cầu không đọc được (JSON sai?) / Malformed request (invalid JSON?)',
    404: 'Không có địa chỉ này / No such route',
    413: 'Dữ liệu gửi lên quá lớn / Payload too large',
    415: 'Chỉ nhận application/json / Only application/json is accepted',
  };
  const code = `http-${status}`;
  return { type: `urn:cnscd:problem:${code}`, code, status, title: titles[status] ?? err.message };
}
