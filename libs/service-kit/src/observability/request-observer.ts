import { SpanKind, SpanStatusCode, context, type Span } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { contextOf, openSpan, traceHeadersOf, tracingOn } from '@cnscd/event-store';
import { principalOfRequest } from '../auth/credential.guard';
import { isFailure } from '../problem-details';
import { safeTraceHeaders } from '../http/command-context';
import { continueTrace } from '../trace-context';
import { log } from './log';
import { httpDuration, httpRequests, outcomeOf } from './metrics';

/** Probes and scrapes: counted, but logged only at `debug` (they come every few seconds). */
const QUIET = /^\/(health\/|metrics$)/;

/** Where a request went, as a template (`/v1/visits/:visitId`): never the raw path, which may carry data. */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : '(no route)';
}

/**
 * Every HTTP request: its trace (the caller's W3C `traceparent` continued, or a new one, so that the
 * request's log line and the events it appends share one trace id; with tracing on, a server span),
 * its metrics, and one log line once it is answered — method, route template, status, duration, trace
 * id, the caller's organisation.
 */
export function observeRequests() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const [parent, state] = safeTraceHeaders(header(req, 'traceparent'), header(req, 'tracestate'));
    const server = tracingOn()
      ? openSpan(
          req.method,
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
          contextOf(parent ? { traceparent: parent, ...(state ? { tracestate: state } : {}) } : undefined),
        )
      : undefined;
    // With tracing on the request's span is the parent of what it does; off, a new span id in the trace.
    const trace = (server && traceHeadersOf(server.ctx)) ?? continueTrace(parent, state);
    req.headers.traceparent = trace.traceparent;
    if (trace.tracestate) req.headers.tracestate = trace.tracestate;
    else delete req.headers.tracestate;
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      const status = res.statusCode;
      if (server) endServerSpan(server.span, req.method, route, status);
      httpRequests.inc({ method: req.method, route, status: String(status) });
      httpDuration.observe({ method: req.method, route, outcome: outcomeOf(status) }, seconds);
      const principal = principalOfRequest(req);
      const line = {
        method: req.method,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        trace_id: trace.traceparent.slice(3, 35),
        ...(principal ? { commune: principal.commune, organisation: principal.organisationId } : {}),
      };
      log()[levelOf(req, status, res.locals.problemCode as string | undefined)](line, 'request');
    });
    if (server) context.with(server.ctx, next);
    else next();
  };
}

/** Probes quietly; failures (`isFailure`) as errors; a 503 by design (`busy`) as a warning; the rest as info. */
function levelOf(
  req: Request,
  status: number,
  code: string | undefined,
): 'debug' | 'info' | 'warn' | 'error' {
  if (QUIET.test(req.path)) return 'debug';
  if (isFailure({ status, code })) return 'error';
  return status >= 500 ? 'warn' : 'info';
}

function endServerSpan(span: Span, method: string, route: string, status: number): void {
  span.updateName(`${method} ${route}`);
  span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

const header = (req: Request, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
