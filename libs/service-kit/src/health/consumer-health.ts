import { filterSubject, type EventStore } from '@cnscd/event-store';
import type { StreamConsumer } from '../service/projection-registry';

/** When a consumer of the stream stops being healthy (docs/operations.md, "Health"). */
export interface HealthThresholds {
  /** Commits not yet applied beyond which a live consumer counts as behind. */
  readonly maxBehind: number;
  /** How long reading or writing may keep failing before the consumer counts as stalled. */
  readonly maxFailingMs: number;
}

/** How long readiness and a metrics scrape wait for a dependency (NATS, the database) to answer. */
export const DEPENDENCY_TIMEOUT_MS = 2000;

/** `p`, or a rejection once `ms` have passed without an answer (a stalled NATS holds requests for 5 s). */
export const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
};

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = { maxBehind: 1000, maxFailingMs: 5000 };

export type ConsumerState = 'live' | 'catching-up' | 'behind' | 'stalled' | 'parked';

export interface ConsumerHealth {
  readonly projection: string;
  /** The subjects it reads (`cnscd.evt.*.outreach.>`). */
  readonly filter: string;
  /** The stream position the consumer reflects. */
  readonly checkpoint: number;
  /** The newest position the consumer will read (its filter applied). */
  readonly streamPosition: number;
  /** Commits not yet applied. */
  readonly behind: number;
  readonly live: boolean;
  readonly parked: number;
  readonly state: ConsumerState;
  /** Why it is not simply live: Vietnamese / English, for the operator. */
  readonly reasons: readonly string[];
}

/**
 * One consumer's health, judged: parked events, a failure that lasts, or a lag beyond the threshold
 * make it unhealthy (the service then reports `degraded`). Catching up after a start is not a fault,
 * but the service is not ready until it has caught up.
 */
export function judgeConsumer(
  consumer: StreamConsumer,
  streamPosition: number,
  now: number,
  limits: HealthThresholds,
): ConsumerHealth {
  const s = consumer.status();
  const behind = Math.max(0, streamPosition - s.checkpoint);
  const reasons: string[] = [];
  let state: ConsumerState = 'live';
  if (s.parked > 0) {
    state = 'parked';
    reasons.push(
      `${s.parked} sự kiện bị gác lại, xem GET /v1/admin/parked / ${s.parked} parked events, see GET /v1/admin/parked`,
    );
  }
  if (s.failing && now - Date.parse(s.failing.since) >= limits.maxFailingMs) {
    state = 'stalled';
    reasons.push(`Lỗi từ ${s.failing.since} / Failing since ${s.failing.since}: ${s.failing.reason}`);
  }
  if (!s.live) {
    if (state === 'live') state = 'catching-up';
    reasons.push(`Đang đọc lại luồng, còn ${behind} / Catching up, ${behind} commits to go`);
  } else if (behind > limits.maxBehind) {
    if (state === 'live') state = 'behind';
    reasons.push(
      `Chậm ${behind} bản ghi (ngưỡng ${limits.maxBehind}) / ${behind} commits behind (limit ${limits.maxBehind})`,
    );
  }
  return {
    projection: s.name,
    filter: consumer.subjects ?? filterSubject(consumer.filter),
    checkpoint: s.checkpoint,
    streamPosition,
    behind,
    live: s.live,
    parked: s.parked,
    state,
    reasons,
  };
}

/** Every consumer of the service, judged against the stream as it is now. */
export function judgeConsumers(
  store: EventStore,
  consumers: readonly StreamConsumer[],
  limits: HealthThresholds,
): Promise<ConsumerHealth[]> {
  const now = Date.now();
  return Promise.all(
    consumers.map(async (c) =>
      judgeConsumer(
        c,
        await (c.lastPosition ? c.lastPosition() : store.lastPosition(c.filter, c.status().checkpoint)),
        now,
        limits,
      ),
    ),
  );
}
