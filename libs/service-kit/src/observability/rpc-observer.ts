import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { toProblem } from '../problem-details';
import { natsDuration, natsRequests, outcomeOf } from './metrics';

/** Errors already counted by the interceptor: the exception filter counts only the others (the guard's). */
const counted = new WeakSet<object>();

/** A NATS request's subject as a metric label: the subject itself (`cnscd.<service>.cmd.<kind>`), bounded in length. */
const subjectOf = (ctx: NatsContext) => ctx.getSubject().slice(0, 120);

/**
 * NATS requests' metrics: the handler's outcome and time here; a request the credential guard refused
 * never reaches it, and is counted by `countRefusedRequest` from the exception filter.
 *
 * Put on each NATS controller (`@UseInterceptors(RpcObserver)`), not given to the whole application:
 * Nest runs every HTTP request through an rxjs chain (defer, mergeAll, an async scope bound) as soon as
 * one global interceptor exists, even one that lets it pass: outreach allocated 138 KB per visit with
 * it, 118 without (docs/benchmarks.md, the write path).
 */
@Injectable()
export class RpcObserver implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    let subject = subjectOf(context.switchToRpc().getContext<NatsContext>());
    const started = process.hrtime.bigint();
    const done = (status: number) => {
      const outcome = outcomeOf(status);
      // An unknown command's subject is the caller's invention: one label for all of them.
      if (status === 404) subject = subject.replace(/[^.]*$/, '(unknown)');
      natsRequests.inc({ subject, outcome });
      natsDuration.observe({ subject, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    };
    return next.handle().pipe(
      tap(() => done(200)),
      catchError((err: unknown) => {
        done(toProblem(err).status);
        if (typeof err === 'object' && err !== null) counted.add(err);
        return throwError(() => err);
      }),
    );
  }
}

/** From the exception filter: a NATS request refused before its handler ran (no credential, no permission). */
export function countRefusedRequest(err: unknown, ctx: NatsContext, status: number): void {
  if (typeof err === 'object' && err !== null && counted.has(err)) return;
  natsRequests.inc({ subject: subjectOf(ctx), outcome: outcomeOf(status) });
}
