/** What `untilCaughtUp` needs of a projection runner. */
export interface CatchingUp {
  readonly checkpoint: number;
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/** How long one wait lasts before the head is read again and the progress told. */
export const CATCH_UP_STEP_MS = 10_000;

/**
 * Resolves once `runner` holds the stream's head as `head()` reads it after the last wait — however
 * long that takes. A rebuilt schema switches over only then, so that it never serves figures older
 * than the schema it replaces (which serves meanwhile): the commits recorded while the rebuild built
 * its keys and counted (about two minutes at 10,000,000 events) are applied by its live runner, and
 * under a partner's bulk import that can outlast any fixed wait. Each wait that ends short says where
 * the runner is (`behind`).
 */
export async function untilCaughtUp(
  runner: CatchingUp,
  head: () => Promise<number>,
  behind: (at: { readonly position: number; readonly head: number }) => void,
  stepMs = CATCH_UP_STEP_MS,
): Promise<void> {
  for (;;) {
    const target = await head();
    if (await runner.waitFor(target, stepMs)) return;
    behind({ position: runner.checkpoint, head: target });
  }
}
