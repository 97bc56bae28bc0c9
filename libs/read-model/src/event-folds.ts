/** One event of a union, by its type. */
export type EventOf<E extends { type: string }, T extends E['type']> = Extract<E, { type: T }>;

/**
 * A projection's folds, one small function per event type. The mapped type is the exhaustiveness
 * check: a new event type in the union does not compile until it has its fold (STYLE §6).
 */
export type EventFolds<E extends { type: string }, Ctx> = {
  readonly [T in E['type']]: (ctx: Ctx, event: EventOf<E, T>) => Promise<unknown>;
};

/**
 * Applies an event with the fold for its type. An event outside the union is a projection whose union
 * does not cover its filter: it fails loudly (the runner retries from the checkpoint) rather than
 * leaving rows silently wrong.
 */
export const foldWith =
  <E extends { type: string }, Ctx>(folds: EventFolds<E, Ctx>) =>
  (ctx: Ctx, event: E): Promise<unknown> => {
    const fold = folds[event.type as E['type']] as ((ctx: Ctx, event: E) => Promise<unknown>) | undefined;
    if (!fold)
      throw new Error(`No fold for event type ${event.type}: the projection's event union misses it`);
    return fold(ctx, event);
  };
