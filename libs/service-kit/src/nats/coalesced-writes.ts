import type { NatsConnection } from '@nats-io/transport-node';

/** The part of the NATS client's protocol handler this module reaches into (`@nats-io/nats-core` 3.x). */
interface Protocol {
  flushPending: () => void;
  close: (err?: Error) => Promise<void>;
}

/**
 * Makes the connection write what its callers queued once per turn of the event loop, not once per
 * caller. The client flushes its outbound buffer on a microtask after the first command queued, and
 * microtasks run after every callback: thirty-two HTTP requests read in one turn each got a `write`
 * system call of their own for their publish (≈ 7% of outreach's CPU under 32 writers, and as many
 * reads in nats-server). Here the first flush of a turn goes at once and the later ones wait for
 * `setImmediate` — after the turn's I/O callbacks — and leave in one write: a lone request waits for
 * nothing, a busy turn's commands wait at most for the rest of the turn. Closing writes what is
 * queued first (the client's close ends the socket without flushing it). A client without these hooks
 * (another major version) is left as it is.
 */
export function coalesceWrites(nc: NatsConnection): NatsConnection {
  const protocol = (nc as unknown as { protocol?: Partial<Protocol> }).protocol;
  if (typeof protocol?.flushPending !== 'function' || typeof protocol.close !== 'function') return nc;
  const flushNow = protocol.flushPending.bind(protocol);
  const close = protocol.close.bind(protocol);
  // The first flush of a turn goes at once, as the client's own does: a lone request waits for
  // nothing. Later ones in the same turn wait for its end and leave together.
  let flushedThisTurn = false;
  let waiting = false;
  const endTurn = () => {
    flushedThisTurn = false;
    if (!waiting) return;
    waiting = false;
    flushNow();
  };
  protocol.flushPending = () => {
    if (flushedThisTurn) {
      waiting = true;
      return;
    }
    flushedThisTurn = true;
    setImmediate(endTurn);
    flushNow();
  };
  protocol.close = (err) => {
    flushNow();
    return close(err);
  };
  return nc;
}
