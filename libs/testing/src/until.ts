/**
 * Polls `probe` every `everyMs` until it answers true — a probe that fails counts as "not yet" — and
 * fails after `ms`, saying what did not happen and the probe's last failure.
 */
export async function until(
  what: string,
  probe: () => Promise<boolean>,
  ms = 60_000,
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    if (await probe().catch((err: unknown) => ((last = err), false))) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${ms / 1000} s${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
