// Long: one NATS server and database serve every scenario of the projection runner (parking, retries,
// skipped events, lingering, a stalled consumer); they share the helpers that publish commits and start runners.
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@cnscd/event-store';
import { streamAndReadModel, type StreamAndReadModel } from './testing/stream-and-read-model';
import { WHOLE_COMMIT, ProjectionRunner, type Projection, type ReadModelDatabase } from './index';

interface DB {
  visits: { visit_id: string; day: string };
}

let env: StreamAndReadModel<DB>;
let nc: NatsConnection;
let store: EventStore;
let rm: ReadModelDatabase<DB>;
const runners: ProjectionRunner<DB>[] = [];

let commune = '99000';
beforeEach(() => (commune = String(Number(commune) + 1)));
const meta = () => ({
  commandId: randomUUID(),
  commandHash: 'h',
  actor: { organisationId: 'org', userId: 'user' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});
/** A commit as the event store writes it, or any body at all, published straight to the stream. */
async function publish(body: unknown, subject = `cnscd.evt.${commune}.outreach.visit.${randomUUID()}`) {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  return (await jetstream(nc).publish(subject, data)).seq;
}
const commit = (data: Record<string, unknown>, at = new Date().toISOString()) => ({
  v: 1,
  meta: meta(),
  events: [{ id: randomUUID(), type: 'VisitLogged', sv: 1, at, data }],
});
const visit = (visitId: string, day = '2026-03-02') => commit({ visitId, day });

/** Visits by id with their day: a malformed day is a write the database refuses. */
const visitsProjection = (name: string, fail?: (e: RecordedEvent) => void): Projection<DB> => ({
  name,
  filter: { commune, context: 'outreach' },
  apply: async (trx, events) => {
    for (const e of events) {
      fail?.(e);
      const d = e.data as { visitId: string; day: string };
      await trx
        .insertInto('visits')
        .values({ visit_id: d.visitId, day: d.day })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  },
});
const refuseMarked = (e: RecordedEvent) =>
  (e.data as { bad?: boolean }).bad ? 'VisitLogged: bad: marked bad' : null;

function runner(projection: Projection<DB>, check = refuseMarked, from: EventStore = store) {
  const r = new ProjectionRunner(from, rm.db, projection, {
    check,
    retryDelayMs: 50,
    logger: { log: () => undefined, error: () => undefined },
  });
  runners.push(r);
  r.start();
  return r;
}
const visitIds = async () =>
  (await rm.db.selectFrom('visits').select('visit_id').orderBy('visit_id').execute()).map((r) => r.visit_id);

beforeAll(async () => {
  env = await streamAndReadModel<DB>('projection', {
    '0001_visits': {
      up: (db) =>
        sql`create table visits (visit_id text primary key, day date not null)`
          .execute(db)
          .then(() => undefined),
    },
  });
  ({ nc, store, rm } = env);
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await sql`truncate visits, parked_events, read_model_checkpoints`.execute(rm.db);
});
afterAll(() => env.stop());

describe('a projection runner meeting what it cannot apply', () => {
  it('parks every kind of malformed message, with its position and reason, and projects the valid events after it', async () => {
    await publish(visit('a'));
    const bad = {
      notJson: await publish('{ not json'),
      noEvents: await publish({ v: 1, meta: meta() }),
      badTime: await publish(commit({ visitId: 'x', day: '2026-03-02' }, '0000-01-01T00:00:00Z')),
      shortSubject: await publish(visit('s'), `cnscd.evt.${commune}.outreach.visit`),
      offContract: await publish(commit({ visitId: 'c', day: '2026-03-02', bad: true })),
      refusedWrite: await publish(visit('d', '0000-01-01')),
    };
    const last = await publish(visit('z'));

    const r = runner(visitsProjection(`visits-${randomUUID()}`));
    expect(await r.waitFor(last, 10_000)).toBe(true);

    expect(await visitIds()).toEqual(['a', 'z']);
    const parked = await r.parked();
    expect(parked.map((p) => [p.position, p.eventIndex])).toEqual(
      [
        [bad.notJson, WHOLE_COMMIT],
        [bad.noEvents, WHOLE_COMMIT],
        [bad.badTime, WHOLE_COMMIT],
        [bad.refusedWrite - 2, WHOLE_COMMIT],
        [bad.offContract, 0],
        [bad.refusedWrite, 0],
      ].sort((x, y) => x[0]! - y[0]!),
    );
    const reasonAt = (position: number) => parked.find((p) => p.position === position)!.reason;
    expect(reasonAt(bad.notJson)).toMatch(/JSON/);
    expect(reasonAt(bad.noEvents)).toMatch(/no events/);
    expect(reasonAt(bad.badTime)).toMatch(/occurred-at/);
    expect(reasonAt(bad.shortSubject)).toMatch(/not an event subject/);
    expect(reasonAt(bad.offContract)).toBe(
      'Không áp dụng được / Could not apply: VisitLogged: bad: marked bad',
    );
    expect(reasonAt(bad.refusedWrite)).toMatch(/out of range/);
    expect(r.status()).toMatchObject({ checkpoint: last, live: true, parked: 6, failing: null });
  });

  it('retries a failure of the database itself from its checkpoint instead of parking the event', async () => {
    let outages = 2;
    const first = await publish(visit('a'));
    const r = runner(
      visitsProjection(`visits-${randomUUID()}`, () => {
        if (outages-- > 0) throw Object.assign(new Error('terminating connection'), { code: '57P01' });
      }),
    );
    expect(await r.waitFor(first, 10_000)).toBe(true);
    expect(await visitIds()).toEqual(['a']);
    expect(await r.parked()).toEqual([]);
  });

  it('applies parked events again once the fix is in, and lets an operator dismiss one that never will', async () => {
    let fixed = false;
    const projection = visitsProjection(`visits-${randomUUID()}`);
    const offContract = await publish(commit({ visitId: 'c', day: '2026-03-02', bad: true }));
    const garbage = await publish('garbage');
    const last = await publish(visit('z'));
    const r = runner(projection, (e) => (fixed ? null : refuseMarked(e)));
    await r.waitFor(last, 10_000);
    expect(r.status().parked).toBe(2);

    fixed = true;
    expect(await r.replayParked()).toEqual({ replayed: 1, stillParked: 1 });
    expect(await visitIds()).toEqual(['c', 'z']);
    expect((await r.parked()).map((p) => p.position)).toEqual([garbage]);

    expect(await r.dismissParked(garbage)).toBe(1);
    expect(await r.parked()).toEqual([]);
    expect(r.status().parked).toBe(0);
    expect(offContract).toBeLessThan(garbage);
  });

  it('keeps its parked events across a restart and does not apply them again', async () => {
    const name = `visits-${randomUUID()}`;
    await publish(commit({ visitId: 'c', day: '2026-03-02', bad: true }));
    const last = await publish(visit('z'));
    const before = runner(visitsProjection(name));
    await before.waitFor(last, 10_000);
    await before.stop();

    const after = runner(visitsProjection(name));
    await after.waitFor(last, 10_000);
    // "Live" follows the checkpoint once the consumer reports nothing pending: poll (bounded) rather
    // than sleep a fixed 100 ms, which a loaded machine (the whole suite on two workers) can outlast.
    for (const deadline = Date.now() + 5_000; !after.status().live && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 20));
    expect(after.status()).toMatchObject({ live: true, parked: 1 });
    expect(await visitIds()).toEqual(['z']);
  });
});

describe('a projection runner whose filter lets through events it does not handle', () => {
  const storedCheckpoint = async (name: string) =>
    Number(
      (
        await sql<{
          position: string;
        }>`select position from read_model_checkpoints where projection = ${name}`.execute(rm.db)
      ).rows[0]?.position ?? 0,
    );
  /** Writes only the visits whose id starts with "v", and says so. */
  const handles = (e: RecordedEvent) => (e.data as { visitId: string }).visitId.startsWith('v');
  const choosy = (name: string): Projection<DB> => {
    const all = visitsProjection(name);
    return { ...all, handles, apply: (trx, events) => all.apply(trx, events.filter(handles)) };
  };

  it('moves on past them without a transaction, and stores its checkpoint with its next write', async () => {
    const name = `visits-${randomUUID()}`;
    const first = await publish(visit('v1'));
    const r = runner(choosy(name));
    expect(await r.waitFor(first, 10_000)).toBe(true);
    expect(await storedCheckpoint(name)).toBe(first);

    const skipped = await publish(visit('x1'));
    expect(await r.waitFor(skipped, 10_000)).toBe(true);
    expect(r.checkpoint).toBe(skipped);
    expect(await storedCheckpoint(name)).toBe(first);

    const next = await publish(visit('v2'));
    expect(await r.waitFor(next, 10_000)).toBe(true);
    expect(await storedCheckpoint(name)).toBe(next);
  });

  it('reads again from its stored checkpoint after a restart, and ends with the same rows', async () => {
    const name = `visits-${randomUUID()}`;
    const first = await publish(visit('v1'));
    const before = runner(choosy(name));
    await before.waitFor(first, 10_000);
    const skipped = await publish(visit('x1'));
    await before.waitFor(skipped, 10_000);
    await before.stop();
    expect(await storedCheckpoint(name)).toBe(first);

    const last = await publish(visit('v2'));
    const after = runner(choosy(name));
    expect(await after.waitFor(last, 10_000)).toBe(true);
    expect(await visitIds()).toEqual(['v1', 'v2']);
    expect(await storedCheckpoint(name)).toBe(last);
  });
});

describe('a projection runner that lingers after each batch (lingerMs)', () => {
  /** The visits projection, recording how many events each call of `apply` (one transaction) had. */
  const counted = (lingerMs: number, sizes: number[]): Projection<DB> => {
    const all = visitsProjection(`visits-${randomUUID()}`);
    return { ...all, lingerMs, apply: (trx, events) => (sizes.push(events.length), all.apply(trx, events)) };
  };
  /** Four visits published 100 ms apart, once the runner has applied a first one. */
  async function visitsSpreadOut(projection: Projection<DB>): Promise<void> {
    const r = runner(projection);
    expect(await r.waitFor(await publish(visit(`a-${randomUUID()}`)), 10_000)).toBe(true);
    let last = 0;
    for (let i = 0; i < 4; i++) {
      last = await publish(visit(`b-${randomUUID()}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await r.waitFor(last, 10_000)).toBe(true);
  }

  it('applies what arrived while it waited in one transaction', async () => {
    const sizes: number[] = [];
    await visitsSpreadOut(counted(1500, sizes));
    expect(sizes).toEqual([1, 4]);
  });

  it('ends its wait as soon as a write waits for the projection', async () => {
    const r = runner(counted(60_000, []));
    expect(await r.waitFor(await publish(visit(`a-${randomUUID()}`)), 10_000)).toBe(true);
    const next = await publish(visit(`b-${randomUUID()}`));
    const started = Date.now();
    expect(await r.waitFor(next, 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('applies each as it arrives without it', async () => {
    const sizes: number[] = [];
    await visitsSpreadOut(counted(0, sizes));
    // Each of the four alone, unless a busy machine held one transaction for 100 ms.
    expect(sizes.length).toBeGreaterThanOrEqual(4);
  });
});

describe('a projection runner followed by work of its own (onAdvance)', () => {
  it('tells its listeners each time its checkpoint moves, with the rows written, until they stop listening', async () => {
    const r = runner(visitsProjection(`visits-${randomUUID()}`));
    const seen: { checkpoint: number; rows: Promise<string[]> }[] = [];
    const stop = r.onAdvance(() => seen.push({ checkpoint: r.checkpoint, rows: visitIds() }));
    const first = await publish(visit('a'));
    expect(await r.waitFor(first, 10_000)).toBe(true);
    expect(seen.map((s) => s.checkpoint)).toContain(first);
    expect(await seen.find((s) => s.checkpoint === first)!.rows).toContain('a');
    stop();
    const heard = seen.length;
    expect(await r.waitFor(await publish(visit('b')), 10_000)).toBe(true);
    expect(seen).toHaveLength(heard);
  });

  it('logs a listener that throws, and reads on without counting it as its own failure', async () => {
    const errors: string[] = [];
    const r = new ProjectionRunner(store, rm.db, visitsProjection(`visits-${randomUUID()}`), {
      retryDelayMs: 50,
      logger: { log: () => undefined, error: (m) => errors.push(m) },
    });
    runners.push(r);
    r.onAdvance(() => {
      throw new Error('the work after it failed');
    });
    r.start();
    expect(await r.waitFor(await publish(visit('c')), 10_000)).toBe(true);
    expect(await r.waitFor(await publish(visit('d')), 10_000)).toBe(true);
    expect(await visitIds()).toEqual(expect.arrayContaining(['c', 'd']));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.includes('A listener of') && e.includes('the work after it failed'))).toBe(
      true,
    );
    expect(r.status().failing).toBeNull();
  });
});

describe('a projection runner whose consumer stops receiving (a cluster node lost under it)', () => {
  /**
   * The real store, except that its first subscription stops passing batches on once `stall` is set:
   * what a consumer that receives nothing more looks like to the runner.
   */
  function stallingStore() {
    const control = { stall: false, subscriptions: 0 };
    const stalling = Object.create(store) as EventStore;
    stalling.subscribe = (options) => {
      const real = store.subscribe(options);
      if (++control.subscriptions > 1) return real;
      const batches = (async function* () {
        for await (const batch of real) if (!control.stall) yield batch;
      })();
      return { [Symbol.asyncIterator]: () => batches, close: () => real.close() };
    };
    return { stalling, control };
  }

  it('reads on through a new consumer when a write waits and nothing arrives for a second', async () => {
    const { stalling, control } = stallingStore();
    const r = runner(visitsProjection(`visits-${randomUUID()}`), refuseMarked, stalling);
    expect(await r.waitFor(await publish(visit(`a-${randomUUID()}`)), 10_000)).toBe(true);

    control.stall = true;
    const id = `b-${randomUUID()}`;
    const started = Date.now();
    expect(await r.waitFor(await publish(visit(id)), 5_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(control.subscriptions).toBe(2);
    expect(await visitIds()).toContain(id);
  });
});
