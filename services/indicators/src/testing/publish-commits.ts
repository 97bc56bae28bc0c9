import type { JetStreamClient } from '@nats-io/jetstream';
import { publishInOrder, type PublishOptions } from '@cnscd/testing';
import type { GeneratedCommit } from './generate-history';

/**
 * Publishes commits straight to JetStream, in order, as the other services' appends would land (seeding
 * a test's or a benchmark's history; in atomic batches where the stream allows them, `publishInOrder`).
 * Answers how many events they held.
 */
export async function publishCommits(
  js: JetStreamClient,
  commits: Iterable<GeneratedCommit>,
  options: PublishOptions = {},
): Promise<number> {
  let events = 0;
  function* counted() {
    for (const commit of commits) {
      events += commit.events;
      yield commit;
    }
  }
  await publishInOrder(js, counted(), options, () => undefined);
  return events;
}
