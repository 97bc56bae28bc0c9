import type { SourcePosition } from '@cnscd/event-store';

/**
 * What the hub knows of one commune's source between two looks (`judgeSource`). `behindSince` is when the
 * hub last held everything the commune had, or last advanced while behind: the stall clock starts there.
 */
export interface SourceState {
  readonly commune: string;
  /** Commits the commune has and the hub does not yet; null while the commune's server does not answer. */
  readonly behind: number | null;
  readonly reachable: boolean;
  /** Behind, and the hub's copy has not advanced for `stallMs`: the source needs an operator (or a restart). */
  readonly stalled: boolean;
  /**
   * The commune's stream is not the one the hub copied (`SourcePosition.diverged`): an operator must
   * reconcile the two, and a restart of the source would lose records — so it is never also `stalled`.
   */
  readonly diverged: boolean;
  readonly hubLast: number;
  readonly behindSince: number;
}

/**
 * Judges a commune's source from a fresh look at both ends (`now` in ms). A source whose commune's
 * stream diverged from the hub's copy is that, and nothing else. A source is stalled when the
 * commune has commits the hub lacks and the hub's copy has not advanced for `stallMs` — not merely
 * because it is behind (catching up after a link comes back is normal), and not while the commune cannot
 * be asked (a commune works offline; `reachable` says so, and an alert on it waits longer).
 */
export function judgeSource(
  previous: SourceState | undefined,
  seen: SourcePosition,
  now: number,
  stallMs: number,
): SourceState {
  const base = { commune: seen.commune, hubLast: seen.hubLast };
  if (seen.communeLast === null)
    return { ...base, behind: null, reachable: false, stalled: false, diverged: false, behindSince: now };
  const behind = Math.max(0, seen.communeLast - seen.hubLast);
  if (seen.diverged)
    return { ...base, behind, reachable: true, stalled: false, diverged: true, behindSince: now };
  // The stall clock starts again whenever the hub advances, was not behind, or could not see the commune.
  const restart =
    previous === undefined ||
    behind === 0 ||
    seen.hubLast !== previous.hubLast ||
    previous.behind === 0 ||
    !previous.reachable;
  const behindSince = restart ? now : previous.behindSince;
  return {
    ...base,
    behind,
    reachable: true,
    stalled: behind > 0 && now - behindSince >= stallMs,
    diverged: false,
    behindSince,
  };
}
