import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { EventStore, ensureEventStream, handleCommand, type RecordedEvent } from '@cnscd/event-store';
import {
  ProjectionRunner,
  applyBatch,
  migrate,
  openDatabase,
  readCheckpoint,
  type ReadModelDatabase,
} from '@cnscd/read-model';
import { createEngineDatabase, startNatsServer, type EngineDatabase, type RunningNats } from '@cnscd/testing';
import { outreachMigrations } from '../infrastructure/migrations';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { visitDecider, type LogVisit } from '../visits/visit.decider';
import { visitsProjection } from './visits.projection';

const COMMUNE = '99001';
let nats: RunningNats;
let nc: NatsConnection;
let store: EventStore;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect(nats.as());
  await ensureEventStream(nc);
  store = await EventStore.create(nc);
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

async function logVisit(residents: number, village = 'thon-1'): Promise<void> {
  const visitId = randomUUID();
  const command: LogVisit = {
    type: 'LogVisit',
    visitId,
    villageCode: village,
    householdId: randomUUID(),
    organisationId: 'to-cnscd-thon-1',
    teamMemberId: null,
    occurredAt: '2026-03-02T08:30:00+07:00',
    topics: ['vneid'],
    residentsGuided: Array.from({ length: residents }, (_, i) => i.toString(16).padStart(64, '0')),
    followUp: { topics: ['e-health-record'], dueBy: '2026-03-09' },
    note: null,
    now: '2026-03-02T09:00:00+07:00',
  };
  await handleCommand(store, {
    stream: { commune: COMMUNE, context: 'outreach', aggregateType: 'visit', aggregateId: visitId },
    decider: visitDecider,
    commandType: 'LogVisit',
    command,
    context: {
      commandId: randomUUID(),
      actor: { organisationId: 'to-cnscd-thon-1', userId: 'key-thon-1' },
      correlationId: 'c',
      causationId: 'c',
      occurredAt: command.occurredAt,
    },
  });
}

async function allEvents(): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const b of store.readAll({ filter: visitsProjection.filter })) events.push(...b.events);
  return events;
}

const rows = async (rm: ReadModelDatabase<OutreachDatabase>) => ({
  visits: await rm.db.selectFrom('visits').selectAll().orderBy('visit_id').execute(),
  residents: await rm.db
    .selectFrom('visit_residents')
    .selectAll()
    .orderBy('visit_id')
    .orderBy('resident_key')
    .execute(),
});

describe.each([
  ['PostgreSQL', 'postgres'],
  ['embedded PGlite', 'pglite'],
] as const)('the visits projection on %s', (_label, kind) => {
  let database: EngineDatabase;
  let rm: ReadModelDatabase<OutreachDatabase>;

  beforeAll(async () => {
    database = await createEngineDatabase(kind, 'outreach_projection');
    rm = await openDatabase<OutreachDatabase>(database.options);
    expect(rm.kind).toBe(kind);
    await migrate(rm.db as never, outreachMigrations);
  });
  afterAll(async () => {
    await rm?.close();
    await database?.drop();
  });

  it('ends in the same rows when fed the same events twice', async () => {
    await logVisit(2);
    await logVisit(0, 'thon-2');
    const events = await allEvents();
    const last = events.at(-1)!.position;

    await applyBatch(rm.db, visitsProjection, events, last);
    const once = await rows(rm);
    await applyBatch(rm.db, visitsProjection, events, last);

    expect(await rows(rm)).toEqual(once);
    expect(once.visits.length).toBeGreaterThanOrEqual(2);
    expect(once.visits.find((v) => v.village_code === 'thon-2')).toMatchObject({
      commune: COMMUNE,
      topics: ['vneid'],
      residents_guided: 0,
      follow_up_topics: ['e-health-record'],
      organisation_id: 'to-cnscd-thon-1',
      logged_by: 'key-thon-1',
    });
    expect(await readCheckpoint(rm.db as never, visitsProjection.name)).toBe(last);
  });

  it('keeps following live events and resumes from its checkpoint after a restart', async () => {
    const runner = new ProjectionRunner(store, rm.db, visitsProjection);
    runner.start();
    await logVisit(1);
    expect(await runner.waitFor(await store.lastPosition(), 10_000)).toBe(true);
    await runner.stop();
    const before = (await rows(rm)).visits.length;

    await logVisit(3);
    await logVisit(1);
    const restarted = new ProjectionRunner(store, rm.db, visitsProjection);
    restarted.start();
    expect(await restarted.waitFor(await store.lastPosition(), 10_000)).toBe(true);
    await restarted.stop();

    const after = await rows(rm);
    expect(after.visits).toHaveLength(before + 2);
    expect(new Set(after.visits.map((v) => v.visit_id)).size).toBe(after.visits.length);
    expect(await readCheckpoint(rm.db as never, visitsProjection.name)).toBe(await store.lastPosition());
  });
});
