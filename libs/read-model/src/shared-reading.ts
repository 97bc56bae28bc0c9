import type {
  EventBatch,
  EventStore,
  EventSubscription,
  ReadOptions,
  StreamFilter,
} from '@cnscd/event-store';
import { subjectMatcher } from '@cnscd/event-store';

/** What a projection runner reads its batches from: the event store itself, or a `SharedReading`. */
export interface BatchSource {
  subscribe(options: ReadOptions): EventSubscription;
}

/**
 * Events waiting for one member, merged while it has not taken them, up to this many: beyond it the
 * reading waits for the member (it is catching up, or slow). A member lingering (`Projection.lingerMs`)
 * finds what arrived meanwhile as one batch, as it would from its own consumer. A member that joins
 * more commits than this behind the reading catches up on its own consumer first.
 */
const MEMBER_BACKLOG_EVENTS = 1_000;

interface Member {
  readonly filter: StreamFilter;
  readonly matchesSubject: (subject: string) => boolean;
  /** The last position handed to the member (its `after` to begin with). */
  position: number;
  waiting: EventBatch | undefined;
  failure: unknown;
  closed: boolean;
  /** Resolves the member's pending `next()`, if it waits. */
  wake: (() => void) | undefined;
}

/**
 * One reading of the stream for several projections of a service whose filters fall under one
 * covering filter (its own context): nats-server delivers each commit once, and the service decodes it
 * once, where each projection's own consumer had it delivered and decoded again (issue 17: outreach
 * read every visit three times — its visits, its residents, its command ids).
 *
 * Each member subscribes as it would to the event store (`after` its checkpoint, its own filter) and
 * receives batches holding only the events under its filter, with the covering reading's position:
 * its checkpoint moves with the stream, whether or not the batch held anything for it. Members read at
 * their own pace: what a member has not taken yet is merged into one waiting batch, and the reading
 * goes on while every member's waiting batch is under `MEMBER_BACKLOG_EVENTS` events.
 *
 * The reading starts from the earliest position of its members, and again whenever one joins behind it
 * or joins again after leaving (a runner retrying from its checkpoint, after a failure or a stall): the
 * others are handed nothing at or before their own position, so they see no commit twice. A member far
 * behind (a projection renamed to be rebuilt) reads alone until it has caught up, so that the others —
 * and the writes waiting for them — do not wait. A failure of the reading ends every member's iteration
 * with it; each runner then subscribes again from its checkpoint, as it does after any failure.
 */
export class SharedReading implements BatchSource {
  private readonly members = new Set<Member>();
  private reading: EventSubscription | undefined;
  /** Where the reading is: the position it started after, then that of the last batch it handed out. */
  private readAt = 0;
  /** Whether that last batch was the newest the stream had. */
  private caughtUp = false;
  /**
   * Whether a member left while others read on: a runner that took the reading for stalled (its write
   * waited and nothing came, as on a cluster whose stream leader was killed) or failed. It joins again
   * at its checkpoint, where the reading stands; the reading then starts again, or a stalled consumer
   * would stay stalled for every member.
   */
  private memberLeft = false;
  /** Resolves when a member takes its batch or leaves: the pump may read on. */
  private roomMade: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    readonly filter: StreamFilter,
    private readonly batchSize = 1000,
  ) {}

  /** Whether a reader with this filter can be served (its events all fall under the reading's filter). */
  covers(filter: StreamFilter = {}): boolean {
    return covers(this.filter, filter);
  }

  subscribe(options: ReadOptions): EventSubscription {
    const filter = options.filter ?? {};
    if (!covers(this.filter, filter))
      throw new Error(
        `A shared reading of ${JSON.stringify(this.filter)} cannot serve ${JSON.stringify(filter)}`,
      );
    const after = options.after ?? 0;
    if (this.reading && after + MEMBER_BACKLOG_EVENTS < this.readAt) return this.catchingUpAlone(options);
    const member: Member = {
      filter,
      matchesSubject: subjectMatcher(filter, this.store.subjectPrefix),
      position: after,
      waiting: undefined,
      failure: undefined,
      closed: false,
      wake: undefined,
    };
    this.members.add(member);
    if (!this.reading || after < this.readAt || this.memberLeft) this.restart();
    // Joining where a caught-up reading stands: told so at once, as its own consumer would.
    else if (after === this.readAt && this.caughtUp)
      this.hand(member, { events: [], unreadable: [], position: after, caughtUp: true });
    return {
      [Symbol.asyncIterator]: () => this.batchesOf(member),
      close: () => this.leave(member),
    };
  }

  /**
   * A member far behind the reading (a projection renamed to be rebuilt) would hold it, and every other
   * member with it, until it caught up: it reads on its own consumer until it has, then joins.
   */
  private catchingUpAlone(options: ReadOptions): EventSubscription {
    let current = this.store.subscribe(options);
    let closed = false;
    const join = (after: number) => this.subscribe({ ...options, after });
    async function* batches(): AsyncGenerator<EventBatch> {
      try {
        let position = options.after ?? 0;
        for await (const batch of current) {
          yield batch;
          position = batch.position;
          if (batch.caughtUp) break;
        }
        current.close();
        if (closed) return;
        current = join(position);
        yield* current;
      } finally {
        current.close(); // the runner stopped reading, whichever consumer it read
      }
    }
    return {
      [Symbol.asyncIterator]: () => batches(),
      close: () => {
        closed = true;
        current.close();
      },
    };
  }

  private async *batchesOf(member: Member): AsyncGenerator<EventBatch> {
    try {
      for (;;) {
        if (member.closed) return;
        if (member.failure !== undefined) throw member.failure;
        const batch = member.waiting;
        if (batch) {
          member.waiting = undefined;
          this.roomMade?.();
          yield batch;
          continue;
        }
        await new Promise<void>((resolve) => (member.wake = resolve));
        member.wake = undefined;
      }
    } finally {
      // The runner stopped reading (closed, failed, or broke off to retry): it subscribes anew.
      this.leave(member);
    }
  }

  private leave(member: Member): void {
    if (member.closed) return;
    member.closed = true;
    this.members.delete(member);
    member.wake?.();
    this.roomMade?.();
    if (this.members.size === 0) this.stopReading();
    else this.memberLeft = true;
  }

  private stopReading(): void {
    this.reading?.close();
    this.reading = undefined;
    this.roomMade?.(); // a pump waiting for room sees its reading is over
  }

  /**
   * (Re)starts the reading after the earliest member's position: when the first member joins, when one
   * joins behind where the reading is, and when one joins again after leaving (`memberLeft`). Members
   * joining at a service's start, at or ahead of it, are handed what comes, the caught-up batch included.
   */
  private restart(): void {
    this.stopReading();
    const after = Math.min(...[...this.members].map((m) => m.position));
    [this.readAt, this.caughtUp, this.memberLeft] = [after, false, false];
    const reading = this.store.subscribe({ after, filter: this.filter, batchSize: this.batchSize });
    this.reading = reading;
    void this.pump(reading);
  }

  private async pump(reading: EventSubscription): Promise<void> {
    try {
      for await (const batch of reading) {
        if (this.reading !== reading) return;
        [this.readAt, this.caughtUp] = [batch.position, batch.caughtUp];
        for (const member of this.members) this.hand(member, batch);
        while (this.reading === reading && [...this.members].some(behind))
          await new Promise<void>((resolve) => (this.roomMade = resolve));
        if (this.reading !== reading) return;
      }
    } catch (err) {
      if (this.reading !== reading) return;
      this.reading = undefined;
      for (const member of [...this.members]) {
        member.failure = err;
        this.members.delete(member); // it throws when it next reads, and subscribes again
        member.wake?.();
      }
    }
  }

  /** Hands a member the part of a batch under its filter, merged into what it has not taken yet. */
  private hand(member: Member, batch: EventBatch): void {
    if (batch.position < member.position || (batch.position === member.position && !batch.caughtUp)) return;
    const after = member.position;
    const mine: EventBatch = {
      events: batch.events.filter((e) => e.position > after && covers(member.filter, e.stream)),
      unreadable: batch.unreadable.filter((u) => u.position > after && member.matchesSubject(u.subject)),
      position: batch.position,
      caughtUp: batch.caughtUp,
    };
    member.position = batch.position;
    const waiting = member.waiting;
    member.waiting = waiting
      ? {
          events: [...waiting.events, ...mine.events],
          unreadable: [...waiting.unreadable, ...mine.unreadable],
          position: mine.position,
          caughtUp: mine.caughtUp,
        }
      : mine;
    member.wake?.();
  }
}

const behind = (m: Member) => (m.waiting?.events.length ?? 0) >= MEMBER_BACKLOG_EVENTS;

/** Whether everything `inner` lets through, `outer` does (`inner` may be an event's stream itself). */
const covers = (outer: StreamFilter, inner: StreamFilter) =>
  (outer.commune === undefined || outer.commune === inner.commune) &&
  (outer.context === undefined || outer.context === inner.context) &&
  (outer.aggregateType === undefined || outer.aggregateType === inner.aggregateType);
