import { gaugeRead } from './metrics';

/** What a rebuild reports of itself (the indicators' `GET /v1/admin/rebuilds/current`). */
export interface RebuildReading {
  readonly status: 'running' | 'switched' | 'failed';
  readonly target: number;
  readonly done: number;
  readonly eventsApplied: number;
  readonly secondsLeft: number | null;
}

/**
 * A read model rebuilt beside the one in use: whether a rebuild runs or failed, how far it has read
 * towards its target position, and the time it expects to need (docs/operations.md, "Metrics").
 */
export function watchRebuild(readModel: string, read: () => RebuildReading | undefined): void {
  const gauge = (name: string, help: string, value: (r: RebuildReading | undefined) => number | null) =>
    gaugeRead(name, help, ['read_model'], async () => {
      const v = value(read());
      return v === null ? [] : [[{ read_model: readModel }, v] as const];
    });
  // Before any rebuild the two states read 0 (an alarm can test them); the positions are absent.
  gauge('cnscd_rebuild_running', '1 while a rebuild runs, 0 otherwise.', (r) =>
    r?.status === 'running' ? 1 : 0,
  );
  gauge(
    'cnscd_rebuild_failed',
    '1 when the last rebuild failed (the read model in use is unchanged).',
    (r) => (r?.status === 'failed' ? 1 : 0),
  );
  const during = (value: (r: RebuildReading) => number | null) => (r: RebuildReading | undefined) =>
    r ? value(r) : null;
  gauge(
    'cnscd_rebuild_target_position',
    'Stream position the rebuild reads to before switching over.',
    during((r) => r.target),
  );
  gauge(
    'cnscd_rebuild_done_position',
    'Stream position the rebuild has read to.',
    during((r) => r.done),
  );
  gauge(
    'cnscd_rebuild_events_applied',
    'Events the rebuild has applied so far.',
    during((r) => r.eventsApplied),
  );
  gauge(
    'cnscd_rebuild_seconds_left',
    'Seconds the running rebuild expects to need still.',
    during((r) => (r.status === 'running' ? r.secondsLeft : null)),
  );
}
