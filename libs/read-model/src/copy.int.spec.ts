import { sql, type Kysely } from 'kysely';
import { createEngineDatabase, type EngineDatabase } from '@cnscd/testing';
import { copyInto, openDatabase, type CopyColumn, type ReadModelDatabase } from './index';

const COLUMNS: CopyColumn[] = [
  { name: 'name', type: 'text' },
  { name: 'people', type: 'int' },
  { name: 'seq', type: 'bigint' },
  { name: 'open', type: 'boolean' },
  { name: 'on_day', type: 'date' },
  { name: 'recorded_at', type: 'timestamptz' },
];

// One array per column: Vietnamese text, a quote and a tab, 64-bit and negative numbers, NULLs.
const VALUES = [
  ['Thôn Đông "A"\tTổ 1', '', null],
  [42, -7, 0],
  [2 ** 40 + 12_345, -(2 ** 33) - 1, 9_007_199_254_740_991],
  [true, false, null],
  ['2026-03-01', '1999-12-31', '2000-01-01'],
  ['2026-03-01T09:30:15.123Z', '2026-11-27T16:59:59.999+07:00', null],
];

const EXPECTED = [
  {
    name: 'Thôn Đông "A"\tTổ 1',
    people: 42,
    seq: String(2 ** 40 + 12_345),
    open: true,
    on_day: '2026-03-01',
    recorded_at: '2026-03-01T09:30:15.123Z',
  },
  {
    name: '',
    people: -7,
    seq: String(-(2 ** 33) - 1),
    open: false,
    on_day: '1999-12-31',
    recorded_at: '2026-11-27T09:59:59.999Z',
  },
  { name: null, people: 0, seq: '9007199254740991', open: null, on_day: '2000-01-01', recorded_at: null },
];

async function rowsOf(db: Kysely<never>) {
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from "load"."rows" order by people = 0, people desc`.execute(db);
  return rows.map((r) => ({
    ...r,
    seq: String(r.seq),
    recorded_at: r.recorded_at === null ? null : new Date(r.recorded_at as string).toISOString(),
  }));
}

describe.each(['postgres', 'pglite'] as const)('a binary COPY into %s', (engine) => {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<never>;

  beforeAll(async () => {
    database = await createEngineDatabase(engine, 'copy');
    rm = await openDatabase<never>(database.options);
    await sql`create schema "load"`.execute(rm.db);
    await sql`create table "load"."rows" (name text, people int, seq bigint, open boolean, on_day date, recorded_at timestamptz)`.execute(
      rm.db,
    );
  });
  afterAll(async () => {
    await rm?.close();
    await database?.drop();
  });
  beforeEach(() => sql`truncate "load"."rows"`.execute(rm.db));

  it('stores every value as the column type reads it back, NULLs included', async () => {
    await expect(copyInto(rm.db, 'load.rows', COLUMNS, VALUES)).resolves.toBe(3);
    expect(await rowsOf(rm.db)).toEqual(EXPECTED);
  });

  it('belongs to the surrounding transaction: a rollback takes the rows back', async () => {
    await expect(
      rm.db.transaction().execute(async (trx) => {
        await copyInto(trx, 'load.rows', COLUMNS, VALUES);
        expect(await rowsOf(trx as never)).toHaveLength(3);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rowsOf(rm.db)).toEqual([]);
  });

  it('refuses a value that does not fit its column before anything is sent', async () => {
    const badDay = VALUES.map((v, i) => (i === 4 ? ['01/03/2026', ...v.slice(1)] : v));
    await expect(copyInto(rm.db, 'load.rows', COLUMNS, badDay)).rejects.toThrow('Not a calendar day');
    const ragged = VALUES.map((v, i) => (i === 1 ? v.slice(1) : v));
    await expect(copyInto(rm.db, 'load.rows', COLUMNS, ragged)).rejects.toThrow('every row');
    expect(await rowsOf(rm.db)).toEqual([]);
  });

  it('leaves the connection usable after PostgreSQL refuses the rows', async () => {
    await sql`alter table "load"."rows" add constraint people_positive check (people > -100)`.execute(rm.db);
    try {
      const tooFew = VALUES.map((v, i) => (i === 1 ? [-500, ...v.slice(1)] : v));
      await expect(copyInto(rm.db, 'load.rows', COLUMNS, tooFew)).rejects.toThrow(/people_positive/);
      await expect(copyInto(rm.db, 'load.rows', COLUMNS, VALUES)).resolves.toBe(3);
    } finally {
      await sql`alter table "load"."rows" drop constraint people_positive`.execute(rm.db);
    }
  });
});
