/** One event of a union, by its type. */
export type EventOf<E extends { type: string }, T extends E['type']> = Extract<E, { type: T }>;

/**
 * A projection's folds, one small function per event type. The mapped type is the exhaustiveness
 * check: a new event type in the union does not compile until it has its fold (STYLE §6).
 */
export type EventFolds<E extends { type: string }, Ctx> = {
  readonly [T in E['type']]: (ctx: Ctx, event: EventOf<E, T>) => Promise<unknown>;
};

/** Applies an event with the fold for its type. */
export const foldWith =
  <E extends { type: string }, Ctx>(folds: EventFolds<E, Ctx>) =>
  (ctx: Ctx, event: E): Promise<unknown> =>
    (folds[event.type as E['type']] as (ctx: Ctx, event: E) => Promise<unknown>)(ctx, event);
