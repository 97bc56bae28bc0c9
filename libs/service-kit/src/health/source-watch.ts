import type { NatsConnection } from '@nats-io/nats-core';
import {
  sourcePositions,
  type EventStreamSettings,
  type SourcedRecord,
  type SourcePosition,
} from '@cnscd/event-store';
import { log } from '../observability/log';
import { gaugeRead } from '../observability/metrics';
import { judgeSource, type SourceState } from './source-lag';

/** How often both ends of every source are looked at: often enough for an alarm within the stall time. */
const LOOK_EVERY_MS = 5000;

/**
 * On the province hub (`EVENT_STREAM_SOURCED`): looks at every commune's source of the hub's stream every
 * few seconds, judges it (`judgeSource`), and reports it — `/health/ready` is degraded while a source
 * is stalled or diverged, and `/metrics` gives each commune's `cnscd_source_behind_events`,
 * `cnscd_source_stalled`, `cnscd_source_diverged` and `cnscd_source_reachable` (docs/operations.md
 * "Source lag").
 */
export class SourceWatch {
  private readonly states = new Map<string, SourceState>();
  /** The hub's copies a diverged commune's stream lacked at the last look: asked for again at the next. */
  private missing = new Map<string, SourcedRecord>();
  private timer: NodeJS.Timeout | undefined;
  private looking: Promise<void> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly stream: Pick<EventStreamSettings, 'streamName' | 'subjectPrefix'>,
    private readonly stallMs: number,
    private readonly positions: typeof sourcePositions = sourcePositions,
  ) {}

  start(): void {
    const everyMs = Math.min(LOOK_EVERY_MS, Math.floor(this.stallMs / 4));
    this.timer = setInterval(() => void this.look(), everyMs);
    void this.look();
    const byCommune = (value: (s: SourceState) => number | null) => async () =>
      this.sources().flatMap((s) => {
        const v = value(s);
        return v === null ? [] : [[{ commune: s.commune }, v] as const];
      });
    gaugeRead(
      'cnscd_source_behind_events',
      "Commits a commune's stream has that the hub's copy does not yet (absent while the commune cannot be asked).",
      ['commune'],
      byCommune((s) => s.behind),
    );
    gaugeRead(
      'cnscd_source_stalled',
      "1 when the hub's copy of a commune's stream is behind and has not advanced for SOURCE_STALL_MS.",
      ['commune'],
      byCommune((s) => (s.stalled ? 1 : 0)),
    );
    gaugeRead(
      'cnscd_source_diverged',
      "1 when a commune's stream is not the one the hub copied (created again, or restored from an older backup).",
      ['commune'],
      byCommune((s) => (s.diverged ? 1 : 0)),
    );
    gaugeRead(
      'cnscd_source_reachable',
      "1 when the commune's own server answered the last look (its leaf link is up), 0 when it did not.",
      ['commune'],
      byCommune((s) => (s.reachable ? 1 : 0)),
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Every source as last judged, by commune. */
  sources(): SourceState[] {
    return [...this.states.values()].sort((a, b) => a.commune.localeCompare(b.commune));
  }

  /** One look at both ends of every source (one at a time: a slow look is not overtaken). */
  look(): Promise<void> {
    this.looking ??= this.lookOnce().finally(() => (this.looking = undefined));
    return this.looking;
  }

  private async lookOnce(): Promise<void> {
    let seen: SourcePosition[];
    try {
      seen = await this.positions(this.nc, this.stream, { missing: this.missing });
    } catch (err) {
      log().warn({ err: (err as Error).message }, 'source positions could not be read');
      return;
    }
    const now = Date.now();
    this.missing = new Map(seen.flatMap((p) => (p.missing ? [[p.commune, p.missing] as const] : [])));
    const previous = new Map(this.states);
    // A source removed from the hub's stream is forgotten; one added is judged from its first look.
    this.states.clear();
    for (const position of seen) {
      const before = previous.get(position.commune);
      const state = judgeSource(before, position, now, this.stallMs);
      this.states.set(position.commune, state);
      if (state.diverged && !before?.diverged)
        log().error(
          { commune: state.commune, commune_last: position.communeLast, hub_last: state.hubLast },
          "commune's stream diverged from the hub's copy: do not restart its source (docs/operations.md)",
        );
      if (state.stalled && !before?.stalled)
        log().error(
          { commune: state.commune, behind: state.behind, hub_last: state.hubLast },
          `commune source stalled: run npm run stream -- restart-source ${state.commune} (docs/operations.md)`,
        );
    }
  }
}
