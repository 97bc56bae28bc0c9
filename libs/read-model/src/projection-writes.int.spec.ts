import { Client } from 'pg';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@cnscd/event-store';
import { createEngineDatabase, type EngineDatabase } from '@cnscd/testing';
import {
  ONE_STATEMENT_EVENTS,
  applyBatchChecked,
  migrate,
  openDatabase,
  readCheckpoint,
  statementsProjection,
  writeDerived,
  writeWithCheckpoint,
  type ReadModelDatabase,
} from './index';

/**
 * How a projection's batch reaches the database: rows and checkpoint together, and in how few round
 * trips — a transaction's checkpoint travels with its commit (`atCommit`), a projection of independent
 * inserts sends a small batch as one statement (`statementsProjection`).
 */
interface DB {
  visits: { visit_id: string; day: string | null };
  guided: { visit_id: string; resident: string };
}

const ENGINES = ['postgres', 'pglite'] as const;

/** A database with the library's tables, visits and who was guided; `rm()` once `beforeAll` ran. */
function visitsDatabase(engine: (typeof ENGINES)[number], label: string) {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<DB>;
  beforeAll(async () => {
    database = await createEngineDatabase(engine, label);
    rm = await openDatabase<DB>(database.options);
    await migrate(rm.db as never, {});
    await sql`create table visits (visit_id text primary key, day date)`.execute(rm.db);
    await sql`create table guided (visit_id text, resident text, primary key (visit_id, resident))`.execute(
      rm.db,
    );
  });
  afterAll(async () => {
    await rm?.close();
    await database?.drop();
  });
  return () => rm;
}

const visitIds = async (rm: ReadModelDatabase<DB>) =>
  (await rm.db.selectFrom('visits').select('visit_id').orderBy('visit_id').execute()).map((r) => r.visit_id);

/** Visits and who was guided: two inserts that need nothing from each other. */
const projection = statementsProjection<DB>({
  name: 'visits-in-one-statement',
  statements: (db, events) => {
    const data = events.map((e) => e.data as { visitId: string; day: string; guided: string[] });
    const guided = data.flatMap((d) => d.guided.map((resident) => ({ visit_id: d.visitId, resident })));
    return [
      db
        .insertInto('visits')
        .values(data.map((d) => ({ visit_id: d.visitId, day: d.day })))
        .onConflict((oc) => oc.column('visit_id').doNothing()),
      ...(guided.length > 0
        ? [
            db
              .insertInto('guided')
              .values(guided)
              .onConflict((oc) => oc.columns(['visit_id', 'resident']).doNothing()),
          ]
        : []),
    ];
  },
});

let position = 0;
const aVisit = (day = '2026-03-02', guided = ['r-1', 'r-2']): RecordedEvent =>
  ({
    position: ++position,
    index: 0,
    type: 'VisitLogged',
    data: { visitId: randomUUID(), day, guided },
    stream: { commune: '99001', context: 'outreach', aggregateType: 'visit', aggregateId: 'v' },
  }) as unknown as RecordedEvent;
const batchOf = (...events: RecordedEvent[]) => ({
  events,
  unreadable: [],
  position: events.at(-1)!.position,
  caughtUp: true,
});
/** A check that refuses a visit on a day that is not a calendar day (it is parked, not applied). */
const check = (e: RecordedEvent) =>
  /^\d{4}-\d\d-\d\d$/.test((e.data as { day: string }).day) ? null : 'bad day';

describe.each(ENGINES)('a projection’s write with its checkpoint on %s', (engine) => {
  const database = visitsDatabase(engine, 'at-commit');
  let rm: ReadModelDatabase<DB>;
  beforeAll(() => (rm = database()));

  it('commits the rows and the checkpoint together, a name with a quote in it included', async () => {
    await writeWithCheckpoint(rm.db, "thôn's visits", 41, async (trx) => {
      await trx.insertInto('visits').values({ visit_id: 'v-1' }).execute();
    });
    expect(await readCheckpoint(rm.db as never, "thôn's visits")).toBe(41);
    expect(await visitIds(rm)).toEqual(['v-1']);
  });

  it('never moves the checkpoint back', async () => {
    await writeWithCheckpoint(rm.db, 'back', 9, async () => undefined);
    await writeWithCheckpoint(rm.db, 'back', 3, async () => undefined);
    expect(await readCheckpoint(rm.db as never, 'back')).toBe(9);
  });

  it('takes the rows back when the checkpoint fails at the commit, and the next write goes through', async () => {
    // A checkpoint the database refuses: the statement that travels with the commit fails.
    await sql`alter table read_model_checkpoints add constraint below_1000 check (position < 1000)`.execute(
      rm.db,
    );
    try {
      await expect(
        writeWithCheckpoint(rm.db, 'refused', 5000, async (trx) => {
          await trx.insertInto('visits').values({ visit_id: 'v-refused' }).execute();
        }),
      ).rejects.toThrow(/below_1000/);
      expect(await visitIds(rm)).not.toContain('v-refused');
      expect(await readCheckpoint(rm.db as never, 'refused')).toBe(0);
      await writeWithCheckpoint(rm.db, 'refused', 500, async (trx) => {
        await trx.insertInto('visits').values({ visit_id: 'v-after' }).execute();
      });
      expect(await visitIds(rm)).toContain('v-after');
      expect(await readCheckpoint(rm.db as never, 'refused')).toBe(500);
    } finally {
      await sql`alter table read_model_checkpoints drop constraint below_1000`.execute(rm.db);
    }
  });
});

describe.each(ENGINES)('a projection of statements on %s', (engine) => {
  const database = visitsDatabase(engine, 'statements');
  let rm: ReadModelDatabase<DB>;
  beforeAll(() => (rm = database()));
  const count = async (table: 'visits' | 'guided') =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(rm.db)).rows[0]!.n,
    );
  beforeEach(() => sql`truncate visits, guided, read_model_checkpoints`.execute(rm.db));

  it('writes every statement’s rows and the checkpoint, and writes nothing twice when the batch comes again', async () => {
    const batch = batchOf(aVisit(), aVisit('2026-03-03', []), aVisit());
    await applyBatchChecked(rm.db, projection, batch, check);
    await applyBatchChecked(rm.db, projection, batch, check);
    expect([await count('visits'), await count('guided')]).toEqual([3, 4]);
    expect(await readCheckpoint(rm.db as never, projection.name)).toBe(batch.position);
  });

  it('writes neither rows nor checkpoint when the database refuses one statement', async () => {
    // A calendar day the check lets through but PostgreSQL refuses: the whole statement fails.
    const refused = batchOf(aVisit(), aVisit('2026-02-30'));
    await expect(applyBatchChecked(rm.db, projection, refused, check)).rejects.toThrow();
    expect([await count('visits'), await count('guided')]).toEqual([0, 0]);
    expect(await readCheckpoint(rm.db as never, projection.name)).toBe(0);
  });

  it('parks what the check refuses and applies the rest in one transaction with the parking', async () => {
    const batch = batchOf(aVisit(), aVisit('2 March'));
    await applyBatchChecked(rm.db, projection, batch, check);
    expect(await count('visits')).toBe(1);
    const parked = await sql<{ reason: string }>`select reason from parked_events`.execute(rm.db);
    expect(parked.rows.map((r) => r.reason)).toEqual([expect.stringContaining('bad day')]);
    expect(await readCheckpoint(rm.db as never, projection.name)).toBe(batch.position);
  });

  it('stores the checkpoint of a batch with nothing to write', async () => {
    const empty = statementsProjection<DB>({ name: 'nothing-to-write', statements: () => [] });
    await applyBatchChecked(rm.db, empty, batchOf(aVisit()), check);
    expect(await readCheckpoint(rm.db as never, 'nothing-to-write')).toBe(position);
  });

  it('writes rows derived from the stream with no checkpoint, several statements as one', async () => {
    await writeDerived(rm.db as never, [
      rm.db.insertInto('visits').values({ visit_id: 'derived', day: null }),
      rm.db.insertInto('guided').values({ visit_id: 'derived', resident: 'r-9' }),
    ]);
    expect([await count('visits'), await count('guided')]).toEqual([1, 1]);
    expect(await readCheckpoint(rm.db as never, projection.name)).toBe(0);
  });
});

describe('a projection’s writes on PostgreSQL, in round trips', () => {
  // Counts what node-postgres sends, each call one round trip (it still sends it): in place before the
  // pool's connections are opened, since each keeps the query method it found.
  const sent = jest.spyOn(Client.prototype, 'query');
  afterAll(() => sent.mockRestore());
  const database = visitsDatabase('postgres', 'round-trips');
  let rm: ReadModelDatabase<DB>;
  beforeAll(() => (rm = database()));

  it('takes three round trips: begin, its rows, and the checkpoint with the commit', async () => {
    sent.mockClear();
    await writeWithCheckpoint(rm.db, 'trips', 7, async (trx) => {
      await trx.insertInto('visits').values({ visit_id: 'v-trips' }).execute();
    });
    const texts = sent.mock.calls.map(([text]) => String(text).replace(/\s+/g, ' '));
    expect(texts).toEqual([
      'begin',
      expect.stringContaining('insert into "visits"'),
      expect.stringMatching(/insert into "read_model_checkpoints".*; commit$/),
    ]);
    expect(await readCheckpoint(rm.db as never, 'trips')).toBe(7);
  });

  it('sends a batch and its checkpoint in one round trip, without begin or commit', async () => {
    sent.mockClear();
    await applyBatchChecked(rm.db, projection, batchOf(aVisit(), aVisit()), () => null);
    const texts = sent.mock.calls.map(([text]) => String(text).replace(/\s+/g, ' '));
    expect(texts).toEqual([
      expect.stringMatching(
        /^with s0 as \(insert into "visits".*\), s1 as \(insert into "guided".*read_model_checkpoints/,
      ),
    ]);
  });

  it('writes a batch larger than one statement does well in a transaction', async () => {
    sent.mockClear();
    const many = Array.from({ length: ONE_STATEMENT_EVENTS + 1 }, () => aVisit());
    await applyBatchChecked(rm.db, projection, batchOf(...many), () => null);
    const texts = sent.mock.calls.map(([text]) => String(text).replace(/\s+/g, ' '));
    expect(texts[0]).toBe('begin');
    expect(texts.at(-1)).toMatch(/read_model_checkpoints.*; commit$/);
    expect(await readCheckpoint(rm.db as never, projection.name)).toBe(position);
  });

  it('writes derived rows in one round trip, without begin or commit', async () => {
    sent.mockClear();
    await writeDerived(rm.db as never, [
      rm.db.insertInto('visits').values({ visit_id: 'one-trip', day: null }),
    ]);
    const texts = sent.mock.calls.map(([text]) => String(text).replace(/\s+/g, ' '));
    expect(texts).toEqual([expect.stringMatching(/^with s0 as \(insert into "visits".*set_config/)]);
  });
});
