import { WritesBusyError } from '../errors';

/**
 * Writes under way at once in the process, whatever brought them (a single HTTP or NATS command, a
 * batch's item, an import's row), from their load to their durable append. Without a bound each
 * request added its own: 32 partners' batches of 200 held 1,024 items in flight, 500 requests/s beyond
 * the machine's capacity held every one of them, and outreach's heap grew with them (peak RSS 215 MiB)
 * for no more throughput — the two cores are the limit, and raw appends gain little beyond 32 writers
 * (docs/benchmarks.md § The write path). A write past the bound waits for a slot, in the order it asked,
 * so concurrent requests take turns; waiting holds only the request.
 */
export const WRITES_IN_FLIGHT = 128;

/**
 * A counting semaphore, first come first served, with an optional bound on how many may wait: past it
 * a write is refused at once (`WritesBusyError`, 503 `busy`) instead of queueing — beyond its capacity a
 * service's memory otherwise follows its backlog (≈ 20 KB per waiting request, docs/benchmarks.md).
 */
export class WriteSlots {
  private free: number;
  private readonly queue: (() => void)[] = [];
  /** How many may wait (`WRITES_WAITING_MAX`; unbounded by default). */
  private maxWaiting = Infinity;
  /** Writes refused because as many waited as allowed, since the process started. */
  refused = 0;

  constructor(private slots: number) {
    this.free = slots;
  }

  /** How many writes may run at once. */
  get size(): number {
    return this.slots;
  }

  /**
   * The service's bounds, at start-up (`WRITES_IN_FLIGHT`, `WRITES_WAITING_MAX`): `inFlight` writes at
   * once, at most `waitingMax` waiting for one of them (0: no bound).
   */
  configure(inFlight: number, waitingMax: number): void {
    this.free += inFlight - this.slots;
    this.slots = inFlight;
    this.maxWaiting = waitingMax > 0 ? waitingMax : Infinity;
    for (; this.free > 0 && this.queue.length > 0; this.free--) this.queue.shift()!();
  }

  /**
   * Resolves once the caller holds a slot; `release` gives it back. Throws `WritesBusyError` when as
   * many wait as allowed, unless `mayRefuse` is false (a request's later items: it was let in already).
   */
  async take(mayRefuse = true): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    if (mayRefuse && this.queue.length >= this.maxWaiting) {
      this.refused++;
      throw new WritesBusyError(this.queue.length);
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  /** Writes holding a slot now. */
  get running(): number {
    return this.slots - this.free;
  }

  /** Writes waiting for a slot now. */
  get waiting(): number {
    return this.queue.length;
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free++;
  }

  /** Runs `work` holding a slot, and gives it back however `work` ends. */
  async holding<T>(work: () => Promise<T>): Promise<T> {
    await this.take();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

/** The process's slots, shared by every write path. */
export const writeSlots = new WriteSlots(WRITES_IN_FLIGHT);
