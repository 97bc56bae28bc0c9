import type { JetStreamClient, PubAck } from '@nats-io/jetstream';

/**
 * How many publishes a test keeps waiting at once. The test servers fsync every message in turn
 * (`sync_interval: always`), so thousands sent at once queue behind each other, and on a loaded
 * machine the last wait out the client's request timeout (5 s) before the server reaches them.
 */
export const PUBLISH_WINDOW = 200;

/** A message for `publishAll`: its subject and body. */
export interface Publishable {
  readonly subject: string;
  readonly body: string | Uint8Array;
}

/**
 * Publishes every message to JetStream, `window` at a time, in order, and answers their acks in the
 * same order — fast enough to seed a test's history, never so many at once that one times out.
 */
export async function publishAll(
  js: JetStreamClient,
  messages: Iterable<Publishable>,
  window = PUBLISH_WINDOW,
): Promise<PubAck[]> {
  const all = [...messages];
  const acks: PubAck[] = [];
  for (let i = 0; i < all.length; i += window)
    acks.push(...(await Promise.all(all.slice(i, i + window).map((m) => js.publish(m.subject, m.body)))));
  return acks;
}
