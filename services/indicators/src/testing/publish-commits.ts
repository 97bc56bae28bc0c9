import type { JetStreamClient } from '@nats-io/jetstream';
import type { GeneratedCommit } from './generate-history';

/**
 * Publishes commits straight to JetStream, as the other services' appends would land, 512 in flight at a
 * time (seeding a test's or a benchmark's history). Answers how many events they held.
 */
export async function publishCommits(
  js: JetStreamClient,
  commits: Iterable<GeneratedCommit>,
  options: { timeoutMs?: number } = {},
): Promise<number> {
  let events = 0;
  const inFlight: Promise<unknown>[] = [];
  for (const commit of commits) {
    inFlight.push(
      js.publish(commit.subject, commit.body, options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    );
    events += commit.events;
    if (inFlight.length >= 512) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
  return events;
}
