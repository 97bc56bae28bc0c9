/**
 * What has arrived from an async source and not been taken yet. A pump moves each item into a buffer
 * as soon as the source yields it — also while the taker is busy elsewhere (a projection's
 * transaction) — and pauses when `highWater` items wait, so a replay is never read into memory whole.
 * `waiting` is exact: unlike the NATS client's own counters, it knows nothing of the client's internals.
 */
export class Arrivals<T> {
  private readonly buffer: T[] = [];
  private ended = false;
  private failure: unknown;
  private wakeTaker: (() => void) | undefined;
  private wakePump: (() => void) | undefined;

  constructor(
    source: AsyncIterable<T>,
    private readonly highWater: number,
  ) {
    void this.pump(source);
  }

  /** Items arrived and not taken yet. */
  get waiting(): number {
    return this.buffer.length;
  }

  /** Up to `max` items, waiting for at least one; none once the source has ended. */
  async take(max: number): Promise<T[]> {
    while (this.buffer.length === 0 && !this.ended)
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    if (this.buffer.length === 0 && this.failure !== undefined) throw this.failure;
    const taken = this.buffer.splice(0, max);
    this.wake('wakePump');
    return taken;
  }

  /** Lets a paused pump finish (the source is being closed by its owner). */
  close(): void {
    this.ended = true;
    this.wake('wakePump');
    this.wake('wakeTaker');
  }

  private async pump(source: AsyncIterable<T>): Promise<void> {
    try {
      for await (const item of source) {
        this.buffer.push(item);
        this.wake('wakeTaker');
        while (this.buffer.length >= this.highWater && !this.ended)
          await new Promise<void>((resolve) => (this.wakePump = resolve));
        if (this.ended) break;
      }
    } catch (err) {
      this.failure = err;
    } finally {
      this.ended = true;
      this.wake('wakeTaker');
    }
  }

  private wake(which: 'wakeTaker' | 'wakePump'): void {
    const resolve = this[which];
    this[which] = undefined;
    resolve?.();
  }
}
