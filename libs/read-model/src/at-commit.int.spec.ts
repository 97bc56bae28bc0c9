import { Client } from 'pg';
import { sql } from 'kysely';
import { createEngineDatabase, type EngineDatabase } from '@cnscd/testing';
import { migrate, openDatabase, readCheckpoint, writeWithCheckpoint, type ReadModelDatabase } from './index';

interface DB {
  visits: { visit_id: string };
}

const visitIds = async (rm: ReadModelDatabase<DB>) =>
  (await rm.db.selectFrom('visits').select('visit_id').orderBy('visit_id').execute()).map((r) => r.visit_id);

describe.each(['postgres', 'pglite'] as const)('a projection’s write with its checkpoint on %s', (engine) => {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<DB>;

  beforeAll(async () => {
    database = await createEngineDatabase(engine, 'at-commit');
    rm = await openDatabase<DB>(database.options);
    await migrate(rm.db as never, {});
    await sql`create table visits (visit_id text primary key)`.execute(rm.db);
  });
  afterAll(async () => {
    await rm?.close();
    await database?.drop();
  });

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

describe('a projection’s write on PostgreSQL', () => {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<DB>;
  // Counts what node-postgres sends, each call one round trip (it still sends it): in place before the
  // pool's connections are opened, since each keeps the query method it found.
  const sent = jest.spyOn(Client.prototype, 'query');

  beforeAll(async () => {
    database = await createEngineDatabase('postgres', 'at-commit-trips');
    rm = await openDatabase<DB>(database.options);
    await migrate(rm.db as never, {});
    await sql`create table visits (visit_id text primary key)`.execute(rm.db);
  });
  afterAll(async () => {
    sent.mockRestore();
    await rm?.close();
    await database?.drop();
  });

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
});
