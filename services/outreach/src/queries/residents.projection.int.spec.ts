import type { OrganisationKind } from '@cnscd/contracts';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes, randomUUID } from 'node:crypto';
import { EventStore, ensureEventStream, handleCommand, type RecordedEvent } from '@cnscd/event-store';
import { applyBatch, migrate, openDatabase, type ReadModelDatabase } from '@cnscd/read-model';
import { createTestDatabase, startNatsServer, type RunningNats, type TestDatabase } from '@cnscd/testing';
import { outreachMigrations } from '../infrastructure/migrations';
import type { OutreachDatabase } from '../infrastructure/read-model';
import { ResidentVault } from '../infrastructure/resident-vault';
import { DEFAULT_ADOPTION_POLICY } from '../residents/adoption-policy';
import { residentDecider, type ResidentCommand } from '../residents/resident.decider';
import { residentsProjection } from './residents.projection';

const COMMUNE = '99001';
let nats: RunningNats;
let nc: NatsConnection;
let store: EventStore;
let testDb: TestDatabase;
let rm: ReadModelDatabase<OutreachDatabase>;
const vault = new ResidentVault(randomBytes(32));
const projection = residentsProjection(vault);

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect(nats.as());
  await ensureEventStream(nc);
  store = await EventStore.create(nc);
  testDb = await createTestDatabase('residents_projection');
  rm = await openDatabase<OutreachDatabase>({ url: testDb.url });
  await migrate(rm.db as never, outreachMigrations);
});
afterAll(async () => {
  await rm?.close();
  await testDb?.drop();
  await nc?.close();
  await nats?.stop();
});

const run = (command: ResidentCommand, organisationKind: OrganisationKind = 'village-team') =>
  handleCommand(store, {
    stream: {
      commune: COMMUNE,
      context: 'outreach',
      aggregateType: 'resident',
      aggregateId: command.residentKey,
    },
    decider: residentDecider,
    commandType: command.type,
    command,
    context: {
      commandId: randomUUID(),
      actor: { organisationId: organisationKind, userId: 'u' },
      correlationId: 'c',
      causationId: 'c',
      occurredAt: '2026-03-02T08:30:00+07:00',
    },
  });
const by = (organisationKind: OrganisationKind) => ({ organisationId: organisationKind, organisationKind });

async function events(): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const b of store.readAll({ filter: projection.filter })) all.push(...b.events);
  return all;
}
const rows = async () => ({
  residents: await rm.db.selectFrom('residents').selectAll().orderBy('resident_key').execute(),
  adoptions: await rm.db
    .selectFrom('adoptions')
    .selectAll()
    .orderBy('resident_key')
    .orderBy('indicator')
    .execute(),
});

it('ends in the same rows when fed the same events twice, through confirmations, a retraction, a move and consent', async () => {
  const key = randomBytes(32).toString('hex');
  const householdId = randomUUID();
  const personal = await vault.seal(rm.db, COMMUNE, key, {
    householdId,
    sex: 'female',
    name: 'Lan',
    phone: null,
  });
  await run({
    type: 'RegisterResident',
    residentKey: key,
    villageCode: 'thon-1',
    birthYear: 1990,
    identification: 'citizen-id',
    consent: true,
    contactGiven: false,
    personal,
    currentYear: 2026,
  });
  await run({
    type: 'ConfirmAdoption',
    residentKey: key,
    indicator: 'vneid',
    stage: 'installed',
    evidence: 'verified-on-device',
    by: by('village-team'),
    policy: DEFAULT_ADOPTION_POLICY,
    occurredAt: '2026-03-02T08:30:00+07:00',
  });
  await run({
    type: 'ConfirmAdoption',
    residentKey: key,
    indicator: 'vneid',
    stage: 'active',
    evidence: 'provider-records',
    by: by('commune-police'),
    policy: DEFAULT_ADOPTION_POLICY,
    occurredAt: '2026-03-02T08:30:00+07:00',
  });
  await run({
    type: 'RetractAdoption',
    residentKey: key,
    indicator: 'vneid',
    stage: 'active',
    reason: 'entered-in-error',
    note: null,
    by: by('culture-society-office'),
    policy: DEFAULT_ADOPTION_POLICY,
  });
  await run({
    type: 'MoveResident',
    residentKey: key,
    toVillage: 'thon-2',
    effectiveDate: '2026-04-01',
    personal: null,
  });
  const all = await events();
  const last = all.at(-1)!.position;

  await applyBatch(rm.db, projection, all, last);
  const once = await rows();
  await applyBatch(rm.db, projection, all, last);
  await applyBatch(rm.db, projection, all.slice(2), last);

  expect(await rows()).toEqual(once);
  // A batch's adoptions are worked out together: the same rows as one event at a time.
  await rm.db.deleteFrom('adoptions').execute();
  for (const e of all) await applyBatch(rm.db, projection, [e], e.position);
  expect(await rows()).toEqual(once);
  expect(once.residents.find((r) => r.resident_key === key)).toMatchObject({
    village_code: 'thon-2',
    birth_year: 1990,
    consent: true,
    moved_on: '2026-04-01',
    status: 'registered',
  });
  expect(once.adoptions.find((a) => a.resident_key === key)).toMatchObject({
    indicator: 'vneid',
    stages: ['installed'],
    stage: 'installed',
  });
});

it('destroys the data key when it sees an erasure, so a rebuild cannot bring the details back', async () => {
  const key = randomBytes(32).toString('hex');
  const personal = await vault.seal(rm.db, COMMUNE, key, {
    householdId: randomUUID(),
    sex: 'male',
    name: 'Hùng',
    phone: null,
  });
  await run({
    type: 'RegisterResident',
    residentKey: key,
    villageCode: 'thon-1',
    birthYear: 1980,
    identification: 'citizen-id',
    consent: true,
    contactGiven: false,
    personal,
    currentYear: 2026,
  });
  await run({ type: 'EraseResident', residentKey: key, reason: 'resident-request' });
  const all = (await events()).filter((e) => e.stream.aggregateId === key);

  await applyBatch(rm.db, projection, all, all.at(-1)!.position);

  expect(await vault.open(rm.db, COMMUNE, key, personal)).toBeNull();
  expect(
    await rm.db.selectFrom('residents').selectAll().where('resident_key', '=', key).executeTakeFirst(),
  ).toMatchObject({ status: 'erased', household_id: null, sex: null, personal: null });
});
