/** What `untilCaughtUp` needs of a projection runner. */
export interface CatchingUp {
  readonly checkpoint: number;
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

/** Where a runner catching up is, each time a wait ends short. */
export interface Behind {
  readonly position: number;
  readonly head: number;
}

/** How long one wait lasts before the head is read again and the progress told. */
export const CATCH_UP_STEP_MS = 10_000;

/**
 * Resolves once `runner` holds the stream's head as `head()` reads it after the last wait — however
 * long that takes — answering that head. A rebuilt schema switches over only then, so that it never
 * serves figures older than the schema it replaces (which serves meanwhile): the commits recorded while
 * the rebuild built its keys and counted (about two minutes at 10,000,000 events) are applied by its
 * live runner, and under a partner's bulk import that can outlast any fixed wait. Each wait that ends
 * short says where the runner is (`behind`).
 */
export async function untilCaughtUp(
  runner: CatchingUp,
  head: () => Promise<number>,
  behind: (at: Behind) => void,
  stepMs = CATCH_UP_STEP_MS,
): Promise<number> {
  for (;;) {
    const target = await head();
    if (await runner.waitFor(target, stepMs)) return target;
    behind({ position: runner.checkpoint, head: target });
  }
}

/** `untilCaughtUp` for a runner just started, stopped again if it fails (the head could not be read). */
export async function startedAndCaughtUp(
  runner: CatchingUp & { start(): void; stop(): Promise<void> },
  head: () => Promise<number>,
  behind: (at: Behind) => void,
): Promise<number> {
  runner.start();
  try {
    return await untilCaughtUp(runner, head, behind);
  } catch (err) {
    await runner.stop();
    throw err;
  }
}

/** The log line of a rebuilt schema still catching up. */
export const catchingUp = (schema: string, { position, head }: Behind): string =>
  `${schema} bắt kịp luồng trước khi phục vụ: ${position}/${head} / ` +
  `${schema} catching up with the stream before it serves: ${position} of ${head}`;
