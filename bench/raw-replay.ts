import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import type { EventStore } from '@cnscd/event-store';

/**
 * The baseline every rebuild is measured beside: an ordered consumer over the whole stream, `JSON.parse`
 * of each commit, nothing stored. Answers events per second.
 */
export async function rawReplay(js: JetStreamClient, store: EventStore): Promise<number> {
  const commits = await store.lastPosition();
  const start = process.hrtime.bigint();
  const consumer = await js.consumers.get(store.streamName, { deliver_policy: DeliverPolicy.All });
  const messages = await consumer.consume({ max_messages: 1000 });
  let seen = 0;
  let parsed = 0;
  for await (const m of messages) {
    parsed += (JSON.parse(m.string()) as { events: unknown[] }).events.length;
    if (++seen >= commits) break;
  }
  return parsed / (Number(process.hrtime.bigint() - start) / 1e9);
}
