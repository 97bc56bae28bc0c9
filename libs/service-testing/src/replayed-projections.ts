import { Client } from 'pg';
import type { RunningService, TestDatabase } from '@cnscd/testing';

/** Columns that say when a row was written, not what it holds: a replay rewrites them. */
const WRITTEN_AT = ['updated_at', 'parked_at'];
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

async function withClient<T>(db: TestDatabase, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every checkpoint of every projection in the database, by `schema.projection`. */
async function checkpoints(c: Client): Promise<Map<string, number>> {
  const { rows: tables } = await c.query<{ schema: string }>(
    `select table_schema as schema from information_schema.tables where table_name = 'read_model_checkpoints'`,
  );
  const out = new Map<string, number>();
  for (const { schema } of tables) {
    const { rows } = await c.query<{ projection: string; position: string }>(
      `select projection, position from "${schema}".read_model_checkpoints`,
    );
    for (const r of rows) out.set(`${schema}.${r.projection}`, Number(r.position));
  }
  return out;
}

/** Every row of every table but the checkpoints, as sorted JSON text, by `schema.table`. */
async function rowsOf(c: Client): Promise<Record<string, string[]>> {
  const { rows: tables } = await c.query<{ schema: string; table: string }>(
    `select table_schema as schema, table_name as table from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema <> all($1) and table_name <> 'read_model_checkpoints'
       and table_name not like 'kysely_%'`,
    [SYSTEM_SCHEMAS],
  );
  const out: Record<string, string[]> = {};
  for (const { schema, table } of tables) {
    const drop = WRITTEN_AT.map((col) => ` - '${col}'`).join('');
    const { rows } = await c.query<{ row: string }>(
      `select (to_jsonb(t)${drop})::text as row from "${schema}"."${table}" t order by 1`,
    );
    out[`${schema}.${table}`] = rows.map((r) => r.row);
  }
  return out;
}

/**
 * Resolves once every consumer of the service has applied the whole stream (its `/health/ready` says
 * none is behind), twice in a row a moment apart: a service's own background writes (the merchants'
 * place evaluator) are done too.
 */
async function caughtUp(service: RunningService): Promise<void> {
  const behind = async () => {
    const ready = (await (await fetch(`${service.url}/health/ready`)).json()) as {
      projections?: Record<string, { behind: number }>;
    };
    return Object.values(ready.projections ?? {}).reduce((sum, p) => sum + p.behind, 0);
  };
  const deadline = Date.now() + 30_000;
  for (let quiet = 0; quiet < 2; await new Promise((r) => setTimeout(r, 300))) {
    quiet = (await behind()) === 0 ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error(`${service.url} did not catch up with the stream`);
  }
}

/**
 * Redelivers every event to every projection of a running service, as a crash before a checkpoint or a
 * rebuild would: the service is stopped, every checkpoint set back to the stream's start, and the service
 * started again; once each projection is back where it was, answers the database's rows before and
 * after. Idempotent projections (STYLE §6) leave them unchanged.
 */
export async function replayEveryProjection(
  service: RunningService,
  db: TestDatabase,
  /** Tables that are work queues, not views (drained by the service as it goes): left out. */
  transient: readonly string[] = [],
): Promise<{ before: Record<string, string[]>; after: Record<string, string[]>; projections: string[] }> {
  // The rows before must be the whole stream's: what the last test wrote may still be on its way to a
  // projection it did not wait for (the command-id index, say), and would show up only after the replay.
  await caughtUp(service);
  const { before, reached } = await withClient(db, async (c) => ({
    before: await rowsOf(c),
    reached: await checkpoints(c),
  }));
  await service.crash();
  await withClient(db, async (c) => {
    for (const name of reached.keys()) {
      const [schema, ...projection] = name.split('.');
      await c.query(`update "${schema}".read_model_checkpoints set position = 0 where projection = $1`, [
        projection.join('.'),
      ]);
    }
  });
  // Alive is enough: a service with parked events reports itself degraded, and parks them again.
  await service.restart({ until: 'live' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = await withClient(db, checkpoints);
    if ([...reached].every(([name, position]) => (now.get(name) ?? 0) >= position)) break;
    if (Date.now() > deadline)
      throw new Error(`projections did not catch up again: ${JSON.stringify([...now])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = await withClient(db, rowsOf);
  for (const table of transient) {
    delete before[table];
    delete after[table];
  }
  return { before, after, projections: [...reached.keys()] };
}

/**
 * The redelivery test every service's integration spec ends with: after its other tests ran, every
 * projection is fed every event again and must end in the same rows. `transient` names work queues.
 */
export function describeRedelivery(
  under: () => { service: RunningService; db: TestDatabase },
  transient: readonly string[] = [],
): void {
  describe('redelivery (STYLE §6: projections are idempotent)', () => {
    it('ends in the same rows when every projection is fed every event again, as after a crash before its checkpoint', async () => {
      const { service, db } = under();
      const { before, after, projections } = await replayEveryProjection(service, db, transient);
      expect(projections.length).toBeGreaterThan(0);
      expect(Object.values(before).flat().length).toBeGreaterThan(0);
      expect(after).toEqual(before);
    }, 90_000);
  });
}
