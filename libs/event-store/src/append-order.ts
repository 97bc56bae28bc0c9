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
  /** Resolves once every earlier command's append is sent (or it ended without one). */
  appendable(): Promise<void>;
  /** This command's append is sent: the next one may send its own. */
  sent(): void;
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
  private lastSent: Promise<void> = Promise.resolve();
  private readonly lastOnSubject = new Map<string, Promise<void>>();

  /** The next command's turn; take turns in the order the commands are given. */
  next(): AppendTurn {
    const [earlierClaimed, earlierSent] = [this.lastClaimed, this.lastSent];
    const [claimed, sent, ended] = [signal(), signal(), signal()];
    this.lastClaimed = both(earlierClaimed, claimed.promise);
    this.lastSent = both(earlierSent, sent.promise);
    return {
      claim: async (subject) => {
        await earlierClaimed;
        const before = this.lastOnSubject.get(subject);
        this.lastOnSubject.set(subject, ended.promise);
        claimed.resolve();
        await before;
      },
      appendable: () => earlierSent,
      sent: () => {
        claimed.resolve();
        sent.resolve();
      },
      finish: () => {
        claimed.resolve();
        sent.resolve();
        ended.resolve();
      },
    };
  }
}
