import { randomUUID } from 'node:crypto';
import { reject, type Decider } from '@cnscd/decider';
import {
  CommandIdConflictError,
  type EventStore,
  handleCommand,
  type CommandContext,
  type RecordedEvent,
  type StreamRef,
} from '@cnscd/event-store';
import { streamAndReadModel, type StreamAndReadModel } from './testing/stream-and-read-model';
import { CommandIdIndex, type ProjectionRunner, type ReadModelDatabase } from './index';

/**
 * A command id is unique for ever within its commune and service (docs/mission/ARCHITECTURE.md §8): the same id with
 * other content is a conflict whatever aggregate it targets, long after JetStream's dedupe window.
 */
type Registered = { type: 'Registered'; data: { name: string } };
type Register = { name: string };
/** Registering twice changes nothing: the second answers `unchanged` (the case the outside check found). */
const person: Decider<Register, string | null, Registered> = {
  initialState: () => null,
  evolve: (_s, e) => e.data.name,
  decide: (cmd, s) =>
    cmd.name === ''
      ? reject('NoName', { vi: 'Thiếu tên', en: 'No name' }, 'name')
      : s === null
        ? [{ type: 'Registered', data: { name: cmd.name } }]
        : [],
};

let env: StreamAndReadModel<unknown>;
let store: EventStore;
let rm: ReadModelDatabase<unknown>;
const runners: ProjectionRunner<unknown>[] = [];

const aPerson = (): StreamRef => ({
  commune: '99001',
  context: 'test',
  aggregateType: 'person',
  aggregateId: randomUUID(),
});
const ctx = (commandId = randomUUID(), organisationId = 'org-1'): CommandContext => ({
  commandId,
  actor: { organisationId, userId: 'u-1' },
  correlationId: commandId,
  causationId: commandId,
  occurredAt: '2026-03-02T08:00:00.000Z',
});
const register = (stream: StreamRef, name: string, context = ctx()) =>
  handleCommand(store, { stream, decider: person, commandType: 'Register', command: { name }, context });

/** The index as a service runs it; resolves once its filter is built. */
async function followIndex(): Promise<void> {
  const { runner } = CommandIdIndex.follow(store, rm.db, 'test', {
    logger: { log: () => undefined, error: () => undefined },
  });
  runners.push(runner);
  // A command waits for the index; one that finds nothing proves it is ready.
  await store.commandIds!.find('99001', randomUUID());
}
/** Past JetStream's dedupe window (100 ms here): only the index can still tell. */
const afterTheWindow = () => new Promise((r) => setTimeout(r, 200));

beforeAll(async () => {
  env = await streamAndReadModel('command_ids', {}, { duplicateWindowMs: 100 });
  ({ store, rm } = env);
  await followIndex();
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await env.stop();
});

describe('a command id, for ever', () => {
  it('is refused for another record with other content, after the dedupe window, and nothing is appended', async () => {
    const id = randomUUID();
    await register(aPerson(), 'An', ctx(id));
    await afterTheWindow();
    const before = await store.lastPosition();
    const other = aPerson();
    await expect(register(other, 'Bình', ctx(id))).rejects.toBeInstanceOf(CommandIdConflictError);
    expect((await store.readStream(other)).revision).toBe(0);
    expect(await store.lastPosition()).toBe(before);
  });

  it('is refused even when the decider would change nothing (a second registration of someone known)', async () => {
    const known = aPerson();
    await register(known, 'Chi');
    const id = randomUUID();
    await register(aPerson(), 'Dũng', ctx(id));
    // Within the window too: the decider answers `unchanged` before any append could be deduplicated.
    await expect(register(known, 'Chi', ctx(id))).rejects.toBeInstanceOf(CommandIdConflictError);
  });

  it('answers a resend of the same content with the original result, at any time', async () => {
    const stream = aPerson();
    const context = ctx();
    const first = await register(stream, 'Giang', context);
    await afterTheWindow();
    expect(await register(stream, 'Giang', context)).toEqual({ ...first, status: 'duplicate' });
  });

  it('shows the recorded events to the organisation that recorded them, only the position to another', async () => {
    const id = randomUUID();
    await register(aPerson(), 'Hà', ctx(id, 'org-1'));
    await afterTheWindow();
    const own = await register(aPerson(), 'Khoa', ctx(id, 'org-1')).catch((e: CommandIdConflictError) => e);
    const other = await register(aPerson(), 'Khoa', ctx(id, 'org-2')).catch((e: CommandIdConflictError) => e);
    expect((own as CommandIdConflictError).recorded).toEqual({
      position: expect.any(Number),
      events: [{ type: 'Registered', data: { name: 'Hà' } }],
    });
    expect((other as CommandIdConflictError).recorded).toEqual({ position: expect.any(Number) });
  });

  it('survives a restart on an empty index: it is filled again from the stream before any command is decided', async () => {
    const id = randomUUID();
    await register(aPerson(), 'Lan', ctx(id));
    await afterTheWindow();
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await rm.db.deleteFrom('command_ids' as never).execute();
    await rm.db.deleteFrom('read_model_checkpoints' as never).execute();

    await followIndex();
    await expect(register(aPerson(), 'Minh', ctx(id))).rejects.toBeInstanceOf(CommandIdConflictError);
  });
});

describe('the filter of command ids', () => {
  /** The database as the index sees it, counting the table counts it starts a filter with. */
  function countingBuilds() {
    const counts = { builds: 0 };
    const db = rm.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node).includes('"func":"count"'))
          counts.builds++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    return { db, counts };
  }
  const recorded = (position: number) => ({
    subject: 'cnscd.evt.99001.test.person.x',
    commandHash: 'h',
    position,
  });
  const settled = () => new Promise((r) => setTimeout(r, 500));

  it('is built again once, however many commands find it full at once', async () => {
    const { db, counts } = countingBuilds();
    const index = new CommandIdIndex(db, 'test', 10);
    await index.load();
    const before = counts.builds;
    for (let i = 0; i < 100; i++) index.remember('99001', randomUUID(), recorded(i));
    await settled();
    expect(counts.builds - before).toBe(1);
  });

  it('still finds the ids noted before and while a new filter was built, written behind its scan', async () => {
    const index = new CommandIdIndex(rm.db, 'test', 10);
    await index.load();
    const commit = (position: number) =>
      ({
        position,
        stream: aPerson(),
        metadata: { commandId: randomUUID(), commandHash: 'h' },
      }) as unknown as RecordedEvent;
    const [before, meanwhile] = [commit(7), commit(8)];
    // The projection notes a batch's ids as it sends their rows: here they arrive after the scan.
    const rows = [...index.projection().statements!(rm.db, [before])];
    const building = index.load();
    rows.push(...index.projection().statements!(rm.db, [meanwhile]));
    await building;
    for (const row of rows) await row.execute();
    for (const c of [before, meanwhile])
      expect(await index.find('99001', c.metadata.commandId)).toMatchObject({ position: c.position });
  });

  it('holds the ids appended while it was first being built, their rows not yet written', async () => {
    const index = new CommandIdIndex(rm.db, 'test', 10);
    const appended = randomUUID();
    const building = index.load();
    index.remember('99001', appended, recorded(1));
    await building;
    await settled(); // the row is written, and no longer held apart from the filter
    expect(await index.find('99001', appended)).toMatchObject({ position: 1 });
  });
});
