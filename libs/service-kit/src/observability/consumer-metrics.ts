import type { EventStore } from '@cnscd/event-store';
import {
  judgeConsumers,
  withTimeout,
  type ConsumerHealth,
  type HealthThresholds,
} from '../health/consumer-health';
import type { ProjectionRegistry, StreamConsumer } from '../service/projection-registry';
import { counterRead, gaugeRead } from './metrics';
import { writeSlots, type WriteSlots } from '../operations/write-slots';
import { bulkBodies, type BulkBodies } from '../http/bulk-bodies';

/**
 * How long a scrape waits for NATS to say where the stream is: well under Prometheus' own scrape timeout
 * (10 s by default, 1 s in our tests), so that a stalled NATS never costs a service its whole scrape.
 * A healthy nats-server answers in milliseconds.
 */
export const SCRAPE_NATS_TIMEOUT_MS = 750;

/**
 * A consumer as one scrape saw it. Where the stream is comes from NATS; when NATS did not answer in
 * time, only what the service knows itself is reported (its checkpoint, what it parked) and the
 * consumer counts as unhealthy — the scrape still answers, with the process's other metrics.
 */
interface Reading {
  readonly projection: string;
  readonly checkpoint: number;
  readonly parked: number;
  readonly healthy: boolean;
  /** Absent when the stream's position could not be read. */
  readonly behind?: number;
  readonly lagSeconds?: number;
}

/**
 * Every consumer of the stream (projections, the credentials, the audit follower), read at each scrape:
 * its checkpoint, how far behind it is in commits and in seconds (since the first commit it has not
 * applied was recorded), what it parked, and whether it is healthy; and whether NATS answered the
 * scrape's questions in time (docs/operations.md, "Metrics").
 */
export function watchConsumers(
  store: EventStore,
  consumers: ProjectionRegistry,
  limits: HealthThresholds,
): void {
  let reading: { at: number; scrape: Promise<Scrape> } | undefined;
  // One reading serves every gauge of a scrape (they are collected one after the other).
  const read = () => {
    if (!reading || Date.now() - reading.at > 1000)
      reading = { at: Date.now(), scrape: readConsumers(store, consumers.all(), limits) };
    return reading.scrape;
  };
  gaugeRead(
    'cnscd_event_stream_reachable',
    `1 when NATS told this scrape where the event stream is, 0 when it did not answer in ${SCRAPE_NATS_TIMEOUT_MS} ms.`,
    [],
    async () => [[{}, (await read()).reachable ? 1 : 0]],
  );
  const gauge = (name: string, help: string, value: (r: Reading) => number | undefined) =>
    gaugeRead(name, help, ['projection'], async () =>
      (await read()).rows.flatMap((r) => {
        const v = value(r);
        return v === undefined ? [] : [[{ projection: r.projection }, v] as const];
      }),
    );
  gauge('cnscd_projection_checkpoint', 'Stream position the read model reflects.', (r) => r.checkpoint);
  gauge(
    'cnscd_projection_behind_events',
    'Commits in the event stream not yet applied to the read model (absent when NATS did not answer).',
    (r) => r.behind,
  );
  gauge(
    'cnscd_projection_lag_seconds',
    'Seconds since the oldest commit not yet applied was recorded (0 when caught up; absent when NATS did not answer).',
    (r) => r.lagSeconds,
  );
  gauge(
    'cnscd_projection_parked_events',
    'Events the consumer could not apply and set aside (GET /v1/admin/parked).',
    (r) => r.parked,
  );
  gauge(
    'cnscd_projection_healthy',
    '1 when the consumer is live with nothing parked, failing or far behind (0 when NATS did not answer).',
    (r) => (r.healthy ? 1 : 0),
  );
}

interface Scrape {
  readonly reachable: boolean;
  readonly rows: readonly Reading[];
}

/** Every consumer judged against the stream, or — NATS silent for too long — what the service knows. */
async function readConsumers(
  store: EventStore,
  all: readonly StreamConsumer[],
  limits: HealthThresholds,
): Promise<Scrape> {
  const judged = async () => {
    const health = await judgeConsumers(store, all, limits);
    return Promise.all(
      health.map(async (h, i): Promise<Reading> => ({
        projection: h.projection,
        checkpoint: h.checkpoint,
        parked: h.parked,
        healthy: h.state === 'live',
        behind: h.behind,
        lagSeconds: await lagOf(store, all[i]!, h),
      })),
    );
  };
  try {
    return { reachable: true, rows: await withTimeout(judged(), SCRAPE_NATS_TIMEOUT_MS) };
  } catch {
    const rows = all.map((c): Reading => {
      const s = c.status();
      return { projection: s.name, checkpoint: s.checkpoint, parked: s.parked, healthy: false };
    });
    return { reachable: false, rows };
  }
}

/** Seconds the consumer has been behind; 0 when caught up, or for a consumer of another stream. */
async function lagOf(store: EventStore, consumer: StreamConsumer, health: ConsumerHealth): Promise<number> {
  if (health.behind === 0 || consumer.subjects) return 0;
  const first = await store.recordedAfter(health.checkpoint, consumer.filter).catch(() => null);
  return first ? Math.max(0, (Date.now() - first.getTime()) / 1000) : 0;
}

/** The event store's appends, counted by the library and read at each scrape. */
export function watchAppends(store: EventStore): void {
  const counter = (name: string, help: string, key: keyof EventStore['stats']) =>
    counterRead(name, help, () => store.stats[key]);
  counter('cnscd_event_appends_total', 'Commits appended to the event stream.', 'appended');
  counter(
    'cnscd_event_append_duplicates_total',
    'Appends JetStream recognised as a resend of a commit it already holds (answered with the original).',
    'duplicates',
  );
  counter(
    'cnscd_event_append_conflicts_total',
    'Appends refused because the aggregate had moved on (optimistic concurrency).',
    'conflicts',
  );
  counter(
    'cnscd_command_retries_total',
    'Commands decided again after a concurrency conflict (each conflict is retried up to 10 times).',
    'retries',
  );
  counter(
    'cnscd_event_append_failures_total',
    'Appends that failed for another reason (NATS away, timeout).',
    'failed',
  );
  counterRead(
    'cnscd_event_group_commits_total',
    'Atomic batches of two or more commits stored under one disk flush (group commit, decision 0019).',
    () => store.groupCommits.batches,
  );
  counterRead(
    'cnscd_event_group_committed_total',
    'Commits stored in those batches.',
    () => store.groupCommits.batchedCommits,
  );
}

/** Bulk request bodies (`bulkBodies`): read and under way, and waiting their turn unread. */
export function watchBulkBodies(budget: BulkBodies = bulkBodies): void {
  gaugeRead(
    'cnscd_bulk_requests',
    'Requests with a body over 16 KiB (batches, imports) read and under way (state="reading") and waiting, unread, for BULK_BYTES_IN_FLIGHT (state="waiting").',
    ['state'],
    async () => [
      [{ state: 'reading' }, budget.reading],
      [{ state: 'waiting' }, budget.waiting],
    ],
  );
  counterRead(
    'cnscd_bulk_requests_refused_busy_total',
    'Requests with a body over 16 KiB refused at once (503 busy) because as many waited as BULK_WAITING_MAX allows.',
    () => budget.refused,
  );
}

/** The process's write slots (`writeSlots`): writes under way, and writes waiting their turn. */
export function watchWriteSlots(slots: WriteSlots = writeSlots): void {
  gaugeRead(
    'cnscd_writes',
    `Writes under way (state="running", at most ${slots.size}) and waiting for a slot (state="waiting").`,
    ['state'],
    async () => [
      [{ state: 'running' }, slots.running],
      [{ state: 'waiting' }, slots.waiting],
    ],
  );
  counterRead(
    'cnscd_writes_refused_busy_total',
    'Writes refused at once (503 busy) because as many waited as WRITES_WAITING_MAX allows.',
    () => slots.refused,
  );
}
