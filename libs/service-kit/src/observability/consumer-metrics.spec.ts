import type { EventStore } from '@cnscd/event-store';
import { DEFAULT_HEALTH_THRESHOLDS, withTimeout } from '../health/consumer-health';
import type { ProjectionRegistry, StreamConsumer } from '../service/projection-registry';
import { watchAppends, watchConsumers } from './consumer-metrics';
import { metrics } from './metrics';

/** A live projection at `checkpoint`, with `parked` events set aside. */
const aConsumer = (name: string, checkpoint: number, parked = 0) =>
  ({
    filter: { context: 'outreach' },
    checkpoint,
    isLive: true,
    status: () => ({ name, checkpoint, live: true, parked, failing: null }),
  }) as unknown as StreamConsumer;

const registryOf = (...consumers: StreamConsumer[]) =>
  ({ all: () => consumers }) as unknown as ProjectionRegistry;

/** A store whose stream ends at `last`, its first unapplied commit recorded ten seconds ago. */
const aStore = (last: () => Promise<number>) =>
  ({
    lastPosition: last,
    recordedAfter: async () => new Date(Date.now() - 10_000),
  }) as unknown as EventStore;

const scrape = () => metrics.metrics();

describe('the consumers’ metrics', () => {
  it('say how far each consumer is behind the stream, and that NATS answered', async () => {
    watchConsumers(
      aStore(async () => 12),
      registryOf(aConsumer('visits', 10)),
      DEFAULT_HEALTH_THRESHOLDS,
    );
    const text = await scrape();
    expect(text).toContain('cnscd_event_stream_reachable 1');
    expect(text).toContain('cnscd_projection_checkpoint{projection="visits"} 10');
    expect(text).toContain('cnscd_projection_behind_events{projection="visits"} 2');
    expect(text).toMatch(/cnscd_projection_lag_seconds\{projection="visits"\} 1[01](\.\d+)?\n/);
    expect(text).toContain('cnscd_projection_healthy{projection="visits"} 1');
  });

  it('still answer when NATS does not: what the service knows itself, the consumer unhealthy, NATS unreachable', async () => {
    const away = aStore(() => Promise.reject(new Error('no responders')));
    watchConsumers(away, registryOf(aConsumer('visits', 10, 3)), DEFAULT_HEALTH_THRESHOLDS);
    const text = await scrape();
    expect(text).toContain('cnscd_event_stream_reachable 0');
    expect(text).toContain('cnscd_projection_checkpoint{projection="visits"} 10');
    expect(text).toContain('cnscd_projection_parked_events{projection="visits"} 3');
    expect(text).toContain('cnscd_projection_healthy{projection="visits"} 0');
    expect(text).not.toContain('cnscd_projection_behind_events{');
    expect(text).not.toContain('cnscd_projection_lag_seconds{');
  });
});

describe('the appends’ metrics', () => {
  it('count the commits stored together under one disk flush, read from the store at each scrape', async () => {
    const store = {
      stats: { appended: 40, duplicates: 1, conflicts: 2, failed: 0, retries: 2 },
      groupCommits: { batches: 3, batchedCommits: 31 },
    } as unknown as EventStore;
    watchAppends(store);
    const text = await scrape();
    expect(text).toContain('cnscd_event_appends_total 40');
    expect(text).toContain('cnscd_event_group_commits_total 3');
    expect(text).toContain('cnscd_event_group_committed_total 31');
  });
});

describe('waiting for a dependency', () => {
  it('gives up once the time is out, and passes an answer given in time through', async () => {
    const never = new Promise<number>(() => undefined);
    await expect(withTimeout(never, 10)).rejects.toThrow('no answer in 10 ms');
    await expect(withTimeout(Promise.resolve(7), 10)).resolves.toBe(7);
  });
});
