// Test fixtures of the read-model library's own integration tests (not exported from the package).
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Kysely, Migration } from 'kysely';
import {
  DEFAULT_STREAM_SETTINGS,
  EventStore,
  ensureEventStream,
  type EventStreamSettings,
} from '@cnscd/event-store';
import { createTestDatabase, startNatsServer, type RunningNats } from '@cnscd/testing';
import { openDatabase, type ReadModelDatabase } from '../database';
import { migrate } from '../migrations';

export interface StreamAndReadModel<DB> {
  readonly nats: RunningNats;
  readonly nc: NatsConnection;
  readonly store: EventStore;
  readonly rm: ReadModelDatabase<DB>;
  stop(): Promise<void>;
}

/**
 * For the library's integration tests: a nats-server of their own holding the event stream, and a
 * fresh PostgreSQL database with the library's tables and `migrations`; `stop` removes both.
 */
export async function streamAndReadModel<DB>(
  database: string,
  migrations: Record<string, Migration> = {},
  stream: Partial<EventStreamSettings> = {},
): Promise<StreamAndReadModel<DB>> {
  const nats = await startNatsServer();
  const nc = await connect(nats.as());
  await ensureEventStream(nc, { ...DEFAULT_STREAM_SETTINGS, ...stream });
  const store = await EventStore.create(nc);
  const testDb = await createTestDatabase(database);
  const rm = await openDatabase<DB>({ url: testDb.url });
  await migrate(rm.db as Kysely<unknown>, migrations);
  return {
    nats,
    nc,
    store,
    rm,
    async stop() {
      await rm.close();
      await testDb.drop();
      await nc.close();
      await nats.stop();
    },
  };
}
