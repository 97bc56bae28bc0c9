import {
  ROOT_CONTEXT,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
  type Link,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';
import type { TraceContext } from './envelope';

/**
 * Spans across the services, written once here for every library and service (no instrumentation
 * exists for @nats-io v3): the W3C trace context travels in each commit (`meta.trace`) and in the
 * NATS message headers. Until a service turns tracing on (`useTracing`, when an OTLP endpoint is
 * configured), every helper runs its work directly: off costs one boolean test.
 */
let enabled = false;

/** Called once the OpenTelemetry SDK is registered (service-kit's `startTracing`). */
export function useTracing(on = true): void {
  enabled = on;
}

export const tracingOn = (): boolean => enabled;

/** The context a W3C `traceparent`/`tracestate` pair names (`base` when it names none). */
export function contextOf(carrier: TraceContext | undefined, base: Context = ROOT_CONTEXT): Context {
  return carrier ? propagation.extract(base, carrier) : base;
}

/** The W3C headers naming the span of `ctx`: what a commit or a NATS message carries onward. */
export function traceHeadersOf(ctx: Context): TraceContext | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  if (!carrier.traceparent) return undefined;
  return {
    traceparent: carrier.traceparent,
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The W3C headers of the active span (a command's), or undefined with tracing off or no span active. */
export function activeTraceHeaders(): TraceContext | undefined {
  return enabled && trace.getSpan(context.active()) ? traceHeadersOf(context.active()) : undefined;
}

/** The context to continue: the active span (a command's), else the one the headers name. */
export function parentContext(carrier: TraceContext | undefined): Context {
  const active = context.active();
  return trace.getSpan(active) ? active : contextOf(carrier, active);
}

/**
 * Runs `work` inside a new span, child of `parent`, with that span active (so that what `work` starts
 * is its child); records a failure and ends the span. With tracing off, just runs `work`.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  parent: Context | (() => Context),
  work: (span: Span | undefined, ctx: Context | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return work(undefined, undefined);
  const { span, ctx } = openSpan(name, options, typeof parent === 'function' ? parent() : parent)!;
  try {
    return await context.with(ctx, () => work(span, ctx));
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}

/** A span its caller ends (one that outlives a call: an HTTP request's); undefined with tracing off. */
export function openSpan(
  name: string,
  options: SpanOptions,
  parent: Context,
): { span: Span; ctx: Context } | undefined {
  if (!enabled) return undefined;
  const span = trace.getTracer('cnscd').startSpan(name, options, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

/** At most this many links from one span (a batch of a rebuild's size would otherwise carry thousands). */
const MAX_LINKS = 32;

/**
 * The parent and links of a span handling events: the trace of the commit that caused them when they
 * all come from one trace (the usual live case: a span of the same trace), else a new trace linked to
 * each (a batch of many commits, a catch-up).
 */
export function causedBy(traces: readonly (TraceContext | undefined)[]): { parent: Context; links: Link[] } {
  const distinct = [...new Map(traces.filter((t) => t).map((t) => [t!.traceparent, t!])).values()];
  if (distinct.length === 1) return { parent: contextOf(distinct[0]), links: [] };
  const links = distinct
    .slice(0, MAX_LINKS)
    .map((t) => trace.getSpanContext(contextOf(t)))
    .filter((c) => c !== undefined)
    .map((c) => ({ context: c }));
  return { parent: ROOT_CONTEXT, links };
}
