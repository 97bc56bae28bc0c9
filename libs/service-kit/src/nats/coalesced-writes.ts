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
 * reads in nats-server). Deferred to `setImmediate` — after the turn's I/O callbacks — their commands
 * leave in one write. A command waits at most for the rest of the turn, and closing writes what is
 * queued first (the client's close ends the socket without flushing it). A client without these hooks
 * (another major version) is left as it is.
 */
export function coalesceWrites(nc: NatsConnection): NatsConnection {
  const protocol = (nc as unknown as { protocol?: Partial<Protocol> }).protocol;
  if (typeof protocol?.flushPending !== 'function' || typeof protocol.close !== 'function') return nc;
  const flushNow = protocol.flushPending.bind(protocol);
  const close = protocol.close.bind(protocol);
  let due = false;
  protocol.flushPending = () => {
    if (due) return;
    due = true;
    setImmediate(() => {
      due = false;
      flushNow();
    });
  };
  protocol.close = (err) => {
    flushNow();
    return close(err);
  };
  return nc;
}
