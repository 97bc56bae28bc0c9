/**
 * One command's place in a sequence of commands that run at once (a batch's items): `handleCommand`
 * claims its aggregate in turn, and appends in turn.
 */
export interface AppendTurn {
  /**
   * Waits until every earlier command has claimed its aggregate (or ended), then until the earlier
   * ones on the same `subject` have ended: they are loaded after its events, never beside them.
   */
  claim(subject: string): Promise<void>;
  /**
   * Sends this command's append once every earlier command has sent its own (or ended without one),
   * and answers what `send` answers. `send` is called synchronously — at once when the turn is already
   * this command's, else inside the earlier command's send — so appends that were waiting on each
   * other reach the connection in one go: NATS writes what a tick published in one socket write (a
   * batch's appends were each written on their own, ≈ 6% of outreach's CPU; issue 17). A second send
   * (an append decided again after a lost race) goes at once.
   */
  send<T>(send: () => Promise<T>): Promise<T>;
  /** This command is over, whatever its outcome; releases every wait on it. Idempotent. */
  finish(): void;
}

interface Signal {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

const signal = (): Signal => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

const both = (a: Promise<void>, b: Promise<void>): Promise<void> => Promise.all([a, b]).then(() => undefined);

/** A command's place in the order of sends: done once it sent or ended; `waiting`: its send, held for its turn. */
interface Slot {
  done: boolean;
  waiting?: () => void;
}

/**
 * Commands that run at once yet reach the stream in the order they were given. NATS handles one
 * connection's messages in the order it receives them, and an append is on the wire once
 * `EventStore.append` is called; so a command sends its append only after every earlier one has sent
 * its own (or ended without one), and the stream holds them in the given order — a phone's batch keeps
 * the order it was recorded in, though its items load, decide and wait for their acknowledgements at
 * once. Commands on the same aggregate run one after the other (the later loads the earlier's events).
 *
 * A command whose append loses a race with a writer outside the sequence is decided again and appended
 * after the ones already sent: the order then holds as for any two writers.
 */
export class AppendOrder {
  private lastClaimed: Promise<void> = Promise.resolve();
  private readonly lastOnSubject = new Map<string, Promise<void>>();
  private readonly slots: Slot[] = [];
  /** The first slot that has neither sent nor ended: the command whose turn it is to send. */
  private due = 0;
  private advancing = false;

  /** The next command's turn; take turns in the order the commands are given. */
  next(): AppendTurn {
    const earlierClaimed = this.lastClaimed;
    const [claimed, ended] = [signal(), signal()];
    const slot: Slot = { done: false };
    this.slots.push(slot);
    this.lastClaimed = both(earlierClaimed, claimed.promise);
    return {
      claim: async (subject) => {
        await earlierClaimed;
        const before = this.lastOnSubject.get(subject);
        this.lastOnSubject.set(subject, ended.promise);
        claimed.resolve();
        await before;
      },
      send: <T>(send: () => Promise<T>) => {
        claimed.resolve();
        const now = () => {
          try {
            return send();
          } catch (err) {
            return Promise.reject(err as Error);
          } finally {
            this.done(slot);
          }
        };
        if (slot.done || this.slots[this.due] === slot) return now();
        return new Promise<T>((resolve) => (slot.waiting = () => resolve(now())));
      },
      finish: () => {
        claimed.resolve();
        ended.resolve();
        this.done(slot);
      },
    };
  }

  /**
   * Marks a slot done and lets the sends that were waiting for it go, in order, in this same call
   * stack (a loop, not a recursion: a batch of thousands would otherwise nest as deep).
   */
  private done(slot: Slot): void {
    slot.done = true;
    if (this.advancing) return;
    this.advancing = true;
    try {
      for (;;) {
        while (this.slots[this.due]?.done) this.due++;
        const next = this.slots[this.due];
        if (!next?.waiting) return;
        const go = next.waiting;
        next.waiting = undefined;
        go();
      }
    } finally {
      this.advancing = false;
    }
  }
}
