import type { EventStore } from '@cnscd/event-store';
import { judgeConsumers, type ConsumerHealth, type HealthThresholds } from '../health/consumer-health';
import type { ProjectionRegistry, StreamConsumer } from '../service/projection-registry';
import { counterRead, gaugeRead } from './metrics';
import { writeSlots, type WriteSlots } from '../operations/write-slots';

/** A consumer's health and how long it has been behind, read once per scrape for every gauge. */
interface Reading {
  readonly health: ConsumerHealth;
  readonly lagSeconds: number;
}

/**
 * Every consumer of the stream (projections, the credentials, the audit follower), read at each scrape:
 * its checkpoint, how far behind it is in commits and in seconds (since the first commit it has not
 * applied was recorded), what it parked, and whether it is healthy (docs/operations.md, "Metrics").
 */
export function watchConsumers(
  store: EventStore,
  consumers: ProjectionRegistry,
  limits: HealthThresholds,
): void {
  let reading: { at: number; rows: Promise<Reading[]> } | undefined;
  // One reading serves every gauge of a scrape (they are collected one after the other).
  const read = () => {
    if (!reading || Date.now() - reading.at > 1000) reading = { at: Date.now(), rows: readAll() };
    return reading.rows;
  };
  const readAll = async (): Promise<Reading[]> => {
    const all = consumers.all();
    const health = await judgeConsumers(store, all, limits);
    return Promise.all(
      health.map(async (h, i) => ({ health: h, lagSeconds: await lagOf(store, all[i]!, h) })),
    );
  };
  const gauge = (name: string, help: string, value: (r: Reading) => number) =>
    gaugeRead(name, help, ['projection'], async () =>
      (await read()).map((r) => [{ projection: r.health.projection }, value(r)] as const),
    );
  gauge(
    'cnscd_projection_checkpoint',
    'Stream position the read model reflects.',
    (r) => r.health.checkpoint,
  );
  gauge(
    'cnscd_projection_behind_events',
    'Commits in the event stream not yet applied to the read model.',
    (r) => r.health.behind,
  );
  gauge(
    'cnscd_projection_lag_seconds',
    'Seconds since the oldest commit not yet applied was recorded (0 when caught up).',
    (r) => r.lagSeconds,
  );
  gauge(
    'cnscd_projection_parked_events',
    'Events the consumer could not apply and set aside (GET /v1/admin/parked).',
    (r) => r.health.parked,
  );
  gauge(
    'cnscd_projection_healthy',
    '1 when the consumer is live with nothing parked, failing or far behind.',
    (r) => (r.health.state === 'live' ? 1 : 0),
  );
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
