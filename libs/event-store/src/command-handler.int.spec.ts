import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { reject, type Decider } from '@cnscd/decider';
import { startNatsServer, type RunningNats } from '@cnscd/testing';
import {
  AppendOrder,
  CommandIdConflictError,
  EventStore,
  ensureEventStream,
  handleCommand,
  DEFAULT_STREAM_SETTINGS,
  type CommandContext,
  type StreamRef,
} from './index';

// A tiny aggregate for the helper's own tests: a tally that refuses to go above a limit.
type Added = { type: 'Added'; data: { amount: number } };
type Add = { amount: number; limit: number };
const tally: Decider<Add, number, Added> = {
  initialState: () => 0,
  evolve: (total, e) => total + e.data.amount,
  decide: (cmd, total) =>
    total + cmd.amount > cmd.limit
      ? reject('LimitReached', { vi: 'Vượt quá giới hạn', en: 'Limit reached' }, 'amount')
      : [{ type: 'Added', data: { amount: cmd.amount } }],
};

let nats: RunningNats;
let nc: NatsConnection;
let store: EventStore;

const aTally = (): StreamRef => ({
  commune: '99001',
  context: 'test',
  aggregateType: 'tally',
  aggregateId: randomUUID(),
});
const ctx = (commandId: string = randomUUID(), organisationId = 'org-1'): CommandContext => ({
  commandId,
  actor: { organisationId, userId: 'u-1' },
  correlationId: commandId,
  causationId: commandId,
  occurredAt: '2026-03-02T08:00:00.000Z',
});
const add = (stream: StreamRef, amount: number, context = ctx(), limit = 100) =>
  handleCommand(store, { stream, decider: tally, commandType: 'Add', command: { amount, limit }, context });
const total = async (stream: StreamRef) =>
  (await store.readStream(stream)).events.reduce((t, e) => t + (e.data as { amount: number }).amount, 0);

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect(nats.as());
  // A tiny dedupe window, so the tests below also cover resends that JetStream no longer remembers.
  await ensureEventStream(nc, { ...DEFAULT_STREAM_SETTINGS, duplicateWindowMs: 100 });
  store = await EventStore.create(nc);
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

it('appends what the decider decides and reports the position', async () => {
  const stream = aTally();
  const outcome = await add(stream, 5);
  expect(outcome).toEqual({
    status: 'appended',
    position: expect.any(Number),
    events: [{ type: 'Added', data: { amount: 5 } }],
  });
  expect(await total(stream)).toBe(5);
});

it('returns a rejection as an outcome and appends nothing', async () => {
  const stream = aTally();
  const outcome = await add(stream, 500);
  expect(outcome).toMatchObject({ status: 'rejected', rejection: { code: 'LimitReached', field: 'amount' } });
  expect((await store.readStream(stream)).revision).toBe(0);
});

it('answers a command resent after the dedupe window with the original outcome, from the history', async () => {
  const stream = aTally();
  const context = ctx();
  const first = await add(stream, 5, context);
  await add(stream, 1);
  await new Promise((r) => setTimeout(r, 200));

  const again = await add(stream, 5, context);
  expect(again).toEqual({ ...first, status: 'duplicate' });
  expect(await total(stream)).toBe(6);
});

describe('a command that makes a record of its own (expectNew)', () => {
  const addNew = (stream: StreamRef, amount: number, context = ctx(), limit = 100) =>
    handleCommand(store, {
      stream,
      decider: tally,
      commandType: 'Add',
      command: { amount, limit },
      context,
      expectNew: true,
    });

  it('appends without reading the history first', async () => {
    const stream = aTally();
    const reads = jest.spyOn(store, 'readStream');
    try {
      expect(await addNew(stream, 5)).toMatchObject({ status: 'appended' });
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    expect(await total(stream)).toBe(5);
  });

  it('answers a resend after the dedupe window with the first outcome, read from the history', async () => {
    const stream = aTally();
    const context = ctx();
    const first = await addNew(stream, 5, context);
    await new Promise((r) => setTimeout(r, 150)); // past the 100 ms dedupe window
    expect(await addNew(stream, 5, context)).toEqual({ ...first, status: 'duplicate' });
    expect(await total(stream)).toBe(5);
  });

  it('decides on the history read when the record was there after all', async () => {
    const stream = aTally();
    await add(stream, 60);
    // Decided on an empty history it would append; on the real one it passes the limit.
    expect(await addNew(stream, 50)).toMatchObject({
      status: 'rejected',
      rejection: { code: 'LimitReached' },
    });
    expect(await addNew(stream, 30)).toMatchObject({ status: 'appended' });
    expect(await total(stream)).toBe(90);
  });
});

it('refuses a reused command id with different content, or from another organisation', async () => {
  const stream = aTally();
  const context = ctx();
  await add(stream, 5, context);
  await expect(add(stream, 7, context)).rejects.toBeInstanceOf(CommandIdConflictError);
  await expect(add(stream, 5, ctx(context.commandId, 'org-2'))).rejects.toBeInstanceOf(
    CommandIdConflictError,
  );
  expect(await total(stream)).toBe(5);
});

it('retries lost races: ten concurrent commands on one aggregate all land, in some order', async () => {
  const stream = aTally();
  const outcomes = await Promise.all(Array.from({ length: 10 }, () => add(stream, 1)));
  expect(outcomes.every((o) => o.status === 'appended')).toBe(true);
  expect(await total(stream)).toBe(10);
});

it('decides on the state that won the race: concurrent commands cannot jointly exceed the limit', async () => {
  const stream = aTally();
  const outcomes = await Promise.all(Array.from({ length: 6 }, () => add(stream, 1, ctx(), 3)));
  expect(outcomes.filter((o) => o.status === 'appended')).toHaveLength(3);
  expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(3);
  expect(await total(stream)).toBe(3);
});

it('sends concurrent resends of one command to one commit', async () => {
  const stream = aTally();
  const context = ctx();
  const outcomes = await Promise.all(Array.from({ length: 5 }, () => add(stream, 2, context)));
  expect(new Set(outcomes.map((o) => ('position' in o ? o.position : -1))).size).toBe(1);
  expect(await total(stream)).toBe(2);
});

describe('commands run at once, in turns of one AppendOrder', () => {
  /** Starts every command at once, each in its turn, and answers their outcomes in the order given. */
  const inTurns = (commands: { stream: StreamRef; amount: number; limit?: number }[]) => {
    const order = new AppendOrder();
    return Promise.all(
      commands.map(async ({ stream, amount, limit = 100 }) => {
        const turn = order.next();
        try {
          return await handleCommand(store, {
            stream,
            decider: tally,
            commandType: 'Add',
            command: { amount, limit },
            context: ctx(),
            turn,
          });
        } finally {
          turn.finish();
        }
      }),
    );
  };

  it('reach the stream in the order given, though the earlier ones take longer to load', async () => {
    // The first records have long histories (more reads before deciding); the last ones are new.
    const streams = Array.from({ length: 8 }, aTally);
    for (const [i, stream] of streams.entries()) for (let n = 0; n < 8 - i; n++) await add(stream, 1);
    const outcomes = await inTurns(streams.map((stream, i) => ({ stream, amount: 10 + i })));
    const positions = outcomes.map((o) => ('position' in o ? o.position : -1));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(8);
  });

  it('run one after the other on the same record, each deciding on the ones before it', async () => {
    const [shared, other] = [aTally(), aTally()];
    const outcomes = await inTurns([
      ...Array.from({ length: 6 }, () => ({ stream: shared, amount: 1, limit: 3 })),
      { stream: other, amount: 1 },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'appended',
      'appended',
      'appended',
      'rejected',
      'rejected',
      'rejected',
      'appended',
    ]);
    expect(await total(shared)).toBe(3);
  });

  it('let the later ones go on when an earlier one ends without an append', async () => {
    const outcomes = await inTurns([
      { stream: aTally(), amount: 500 },
      { stream: aTally(), amount: 1 },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'appended']);
  });
});
