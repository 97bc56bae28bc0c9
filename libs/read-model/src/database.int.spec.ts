import { sql } from 'kysely';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@cnscd/testing';
import { openDatabase, type ReadModelDatabase } from './index';

let testDb: TestDatabase;
let rm: ReadModelDatabase<never>;

beforeAll(async () => {
  testDb = await createTestDatabase('database');
  rm = await openDatabase<never>({ url: testDb.url });
});
afterAll(async () => {
  await rm.close();
  await testDb.drop();
});

it('outlives the server ending its idle connections, and the next query opens a fresh one', async () => {
  const pidOf = async () =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(rm.db)).rows[0]!.pid;
  const before = await pidOf();
  const admin = new Client({ connectionString: testDb.url });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [before]);
  } finally {
    await admin.end();
  }
  // The pool hears of it on its idle connection; without a listener that error would end the process.
  // A query may still be handed the ended connection before the pool hears: then it fails and the
  // next one gets a fresh connection.
  let after: number | undefined;
  for (let attempt = 0; attempt < 40 && after === undefined; attempt++) {
    await new Promise((r) => setTimeout(r, 50));
    after = await pidOf().catch(() => undefined);
  }
  expect(after).toEqual(expect.any(Number));
  expect(after).not.toBe(before);
});

describe('the settings every connection starts with', () => {
  const setting = async (db: ReadModelDatabase<never>, name: string) =>
    (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(db.db)).rows[0]!.value;
  const opened: ReadModelDatabase<never>[] = [];
  const open = async (url: string) => {
    const db = await openDatabase<never>({ url });
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    // Whatever this machine's server says, the database says: compile.
    const admin = new Client({ connectionString: testDb.url });
    await admin.connect();
    try {
      await admin.query(`alter database "${admin.database}" set jit = on`);
    } finally {
      await admin.end();
    }
  });
  afterAll(() => Promise.all(opened.map((db) => db.close())));

  it('starts every connection with JIT compilation off, whatever the database says', async () => {
    expect(await setting(await open(testDb.url), 'jit')).toBe('off');
  });

  it("takes the connection string's options instead, for an operator who wants otherwise", async () => {
    const db = await open(`${testDb.url}?options=${encodeURIComponent('-c work_mem=5MB')}`);
    expect(await setting(db, 'work_mem')).toBe('5MB');
    expect(await setting(db, 'jit')).toBe('on');
  });
});
