import type { Kysely } from 'kysely';
import type { EventStore } from '@cnscd/event-store';
import { writeWithCheckpoint } from '@cnscd/read-model';
import { createFactIndexes } from '../../infrastructure/fact-schema';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { fillTotals } from '../aggregate/running-totals';
import { countLateChanges } from '../aggregate/rebuild-changes';
import { FactGatherer } from './fact-gatherer';
import { readInParallel, type ParallelFill } from './fill-in-parallel';
import { indicatorsProjection } from './indicators.projection';

/**
 * Events read per batch. Small batches keep each event's objects short-lived, so V8's young-generation
 * collector frees them instead of copying them around (measured: garbage collection fell from 0.33
 * to 0.14 s per 100,000 events against batches of 4,000).
 */
const READ_BATCH = 250;

export interface FillProgress {
  /** Highest stream position written so far. */
  readonly position: number;
  readonly eventsApplied: number;
}

/**
 * Where a fill is: reading the stream into the tables, building their keys and indexes, then counting
 * the changes of the late facts and merchants (decision 0012).
 */
export type FillPhase = 'reading' | 'indexing' | 'counting';

export interface FillReport extends FillProgress {
  readonly phase: FillPhase;
}

export interface FillOptions {
  /**
   * On PostgreSQL, read with worker threads (decision 0014): each decodes and writes whole communes
   * through connections of its own. Not with a store that upcasts (the workers decode without its
   * upcasters), nor on PGlite (one connection, in this thread).
   */
  readonly parallel?: ParallelFill;
}

/**
 * Reads the whole stream into a fresh fact schema created with `indexes: false`, then builds its keys
 * and indexes, counts the late facts' changes and fills the running totals. The facts of every few
 * thousand events are written in one transaction (`FactGatherer`), the bulk tables by binary COPY.
 * Writes may commit out of order, so the schema is only complete once this returns: an interrupted
 * fill is started over (`startRebuild` drops the schema), never resumed from its checkpoint. The first
 * failed write fails the fill.
 */
export async function fillFacts(
  store: EventStore,
  db: Kysely<FactsDatabase>,
  schema: string,
  onProgress: (report: FillReport) => void = () => undefined,
  options: FillOptions = {},
): Promise<FillProgress> {
  let position = 0;
  let eventsApplied = 0;
  const onWritten = (to: number, events: number) => {
    position = Math.max(position, to);
    eventsApplied += events;
    onProgress({ position, eventsApplied, phase: 'reading' });
  };
  const parallel = options.parallel && options.parallel.workers > 0 && !store.upcasts;
  if (parallel) {
    position = await readInParallel(store, schema, options.parallel!, onWritten);
    // The workers write no checkpoint (their writes commit in any order): the fill's is written here.
    if (position > 0) await writeWithCheckpoint(db, indicatorsProjection(schema).name, position, noWrite);
  } else await readInThisThread(store, db, schema, onWritten);
  onProgress({ position, eventsApplied, phase: 'indexing' });
  await buildIndexes(db, schema);
  onProgress({ position, eventsApplied, phase: 'counting' });
  await countLateChanges(db, schema);
  await fillTotals(db, schema);
  return { position, eventsApplied };
}

const noWrite = async () => undefined;

/** The single-threaded read: each write carries the checkpoint of the last event it holds. */
async function readInThisThread(
  store: EventStore,
  db: Kysely<FactsDatabase>,
  schema: string,
  onWritten: (to: number, events: number) => void,
): Promise<void> {
  const name = indicatorsProjection(schema).name;
  const gatherer = new FactGatherer(schema, {
    write: (to, work) => writeWithCheckpoint(db, name, to, work),
    onWritten,
  });
  try {
    for await (const batch of store.readAll({ batchSize: READ_BATCH }))
      await gatherer.add(batch.events, batch.unreadable, batch.position);
    await gatherer.finish();
  } finally {
    await gatherer.settled();
  }
}

/** The fresh schema's keys and indexes, once its rows are in; a failure says what an operator does. */
async function buildIndexes(db: Kysely<FactsDatabase>, schema: string): Promise<void> {
  await createFactIndexes(db as Kysely<unknown>, schema).catch((err: Error) => {
    // What an operator reads in GET /v1/admin/rebuilds/current: what failed and what to do.
    throw new Error(
      `Không dựng được khóa và chỉ mục của lược đồ mới; lược đồ đang dùng vẫn phục vụ. Hãy dựng lại lần nữa; ` +
        `nếu lỗi lặp lại, một dữ kiện xuất hiện hai lần trong luồng sự kiện — hãy báo lỗi. / ` +
        `Could not build the fresh schema's keys and indexes; the schema in use keeps serving. Start the ` +
        `rebuild again; if it fails the same way, a fact appears twice in the stream — report it. (${err.message})`,
    );
  });
}
