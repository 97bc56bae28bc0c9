import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's metrics in Prometheus format (`GET /metrics`, docs/operations.md "Metrics"). One
 * registry per process — one service per process — labelled with the service's name. What is
 * counted as it happens lives here; what is read at each scrape (projections, the event store's
 * appends) is registered by `watchConsumers` and `watchAppends`.
 */
export const metrics = new Registry();

/** Seconds: from a cache hit to a request that waited out its read-your-writes bound (3 s) and more. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `ok` (2xx/3xx), `client-error` (4xx: the caller's to fix), `server-error` (5xx: ours). */
export type Outcome = 'ok' | 'client-error' | 'server-error';
export const outcomeOf = (status: number): Outcome =>
  status >= 500 ? 'server-error' : status >= 400 ? 'client-error' : 'ok';

export const httpRequests = new Counter({
  name: 'cnscd_http_requests_total',
  help: 'HTTP requests answered, by route template (never the raw path) and status.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metrics],
});

export const httpDuration = new Histogram({
  name: 'cnscd_http_request_duration_seconds',
  help: 'Time from an HTTP request arriving to its answer being sent.',
  labelNames: ['method', 'route', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metrics],
});

export const natsRequests = new Counter({
  name: 'cnscd_nats_requests_total',
  help: 'NATS requests answered (cnscd.<service>.cmd.<kind>), by subject and outcome.',
  labelNames: ['subject', 'outcome'] as const,
  registers: [metrics],
});

export const natsDuration = new Histogram({
  name: 'cnscd_nats_request_duration_seconds',
  help: 'Time a NATS request took in its handler (a request refused by the credential check is counted, not timed).',
  labelNames: ['subject', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metrics],
});

export const commands = new Counter({
  name: 'cnscd_commands_total',
  help: 'Commands carried out (accepted) or refused, by command and, when refused, the problem code.',
  labelNames: ['command', 'outcome', 'reason'] as const,
  registers: [metrics],
});

/** Names the service and turns on the process's own metrics (CPU, memory, event-loop delay, GC). */
export function startMetrics(service: string): void {
  metrics.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics });
}

/** A gauge whose value is read when Prometheus scrapes (`read` answers one value per label set). */
export function gaugeRead<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => Promise<readonly (readonly [Partial<Record<L, string>>, number])[]>,
): Gauge<L> {
  metrics.removeSingleMetric(name); // a second app in the same process (tests) reads its own
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [metrics],
    async collect() {
      this.reset();
      for (const [labels, value] of await read()) this.set(labels, value);
    },
  });
}

/** A counter kept elsewhere (a plain number the library increments), read when Prometheus scrapes. */
export function counterRead(name: string, help: string, read: () => number): Counter {
  metrics.removeSingleMetric(name);
  return new Counter({
    name,
    help,
    registers: [metrics],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}
