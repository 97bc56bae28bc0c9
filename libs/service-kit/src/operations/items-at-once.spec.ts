import { ForbiddenError, WritesBusyError } from '../problem-details';
import { ITEMS_IN_FLIGHT, runItemsAtOnce } from './items-at-once';
import type { OperationResult } from './operation';
import { WriteSlots } from './write-slots';

const applied = (position: number): OperationResult => ({ commandId: 'c', position, status: 'appended' });
const tick = () => new Promise((r) => setImmediate(r));

/** Items that end when the test says so; what started is logged. */
function heldItems(count: number) {
  const started: number[] = [];
  const finish = new Map<number, (outcome: Error | OperationResult) => void>();
  const run = (item: number) =>
    new Promise<OperationResult>((resolve, reject) => {
      started.push(item);
      finish.set(item, (o) => (o instanceof Error ? reject(o) : resolve(o)));
    });
  return { items: Array.from({ length: count }, (_, i) => i), started, finish, run };
}

describe('items run at once', () => {
  it(`start in order, ${ITEMS_IN_FLIGHT} at most at once, and answer in the items' order`, async () => {
    const { items, started, finish, run } = heldItems(ITEMS_IN_FLIGHT + 2);
    const outcomes = runItemsAtOnce(items, run);
    await tick();
    expect(started).toEqual(items.slice(0, ITEMS_IN_FLIGHT));
    finish.get(3)!(applied(3));
    await tick();
    expect(started).toEqual(items.slice(0, ITEMS_IN_FLIGHT + 1));
    for (const item of [...items].reverse()) finish.get(item)?.(applied(item));
    await tick();
    finish.get(ITEMS_IN_FLIGHT + 1)!(applied(ITEMS_IN_FLIGHT + 1));
    expect((await outcomes).map((o) => ('result' in o ? o.result.position : -1))).toEqual(items);
  });

  it('answer a refusal as its item’s outcome and go on', async () => {
    const outcomes = await runItemsAtOnce([1, 2], async (item) => {
      if (item === 1) throw new ForbiddenError('outreach:write');
      return applied(item);
    });
    expect(outcomes.map((o) => ('problem' in o ? o.problem.status : o.result.position))).toEqual([403, 2]);
  });

  it('start nothing more after a server failure, and throw it once those under way have ended', async () => {
    const { items, started, finish, run } = heldItems(ITEMS_IN_FLIGHT + 5);
    const outcomes = runItemsAtOnce(items, run);
    await tick();
    const failure = new Error('database away');
    finish.get(0)!(failure);
    await tick();
    let settled = false;
    void outcomes.catch(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    for (const item of started.slice(1)) finish.get(item)!(applied(item));
    await expect(outcomes).rejects.toBe(failure);
    expect(started).toEqual(items.slice(0, ITEMS_IN_FLIGHT));
  });
});

describe('items of concurrent requests', () => {
  it('start no more than the service’s slots between them, and take turns as slots free', async () => {
    const slots = new WriteSlots(3);
    const [a, b] = [heldItems(5), heldItems(5)];
    const [outcomesA, outcomesB] = [
      runItemsAtOnce(a.items, a.run, slots),
      runItemsAtOnce(b.items, b.run, slots),
    ];
    await tick();
    // The requests take turns from the first slot.
    expect([a.started, b.started]).toEqual([[0, 1], [0]]);
    // Both asked again, the second request first: the slots freed go in that order.
    a.finish.get(0)!(applied(0));
    await tick();
    expect([a.started, b.started]).toEqual([
      [0, 1],
      [0, 1],
    ]);
    a.finish.get(1)!(applied(1));
    await tick();
    expect([a.started, b.started]).toEqual([
      [0, 1, 2],
      [0, 1],
    ]);
    for (let round = 0; round < 5; round++) {
      for (const held of [a, b]) for (const item of held.started) held.finish.get(item)!(applied(item));
      await tick();
    }
    expect((await outcomesA).length + (await outcomesB).length).toBe(10);
  });

  it('give a failed request’s slots back', async () => {
    const slots = new WriteSlots(2);
    const failing = heldItems(3);
    const outcomes = runItemsAtOnce(failing.items, failing.run, slots);
    await tick();
    failing.finish.get(0)!(new Error('database away'));
    failing.finish.get(1)!(applied(1));
    await expect(outcomes).rejects.toThrow('database away');
    const next = heldItems(2);
    void runItemsAtOnce(next.items, next.run, slots);
    await tick();
    expect(next.started).toEqual([0, 1]);
  });
});

describe('a request when as many writes wait as allowed', () => {
  it('is refused before any of its items runs, while a request let in never has an item refused', async () => {
    const slots = new WriteSlots(1);
    slots.configure(1, 1);
    let endFirst: () => void = () => undefined;
    const first = slots.holding(() => new Promise<void>((r) => (endFirst = r)));
    const letIn = heldItems(3);
    const outcomes = runItemsAtOnce(letIn.items, letIn.run, slots);
    await tick();
    // Its first item waits, and fills the queue: another request is refused, nothing of it run.
    const late = heldItems(1);
    await expect(runItemsAtOnce(late.items, late.run, slots)).rejects.toBeInstanceOf(WritesBusyError);
    expect(late.started).toEqual([]);
    endFirst();
    await first;
    await tick();
    // The request let in: its next item waits in a full queue, and is not refused.
    expect([letIn.started, slots.waiting]).toEqual([[0], 1]);
    for (const item of letIn.items) {
      letIn.finish.get(item)!(applied(item));
      await tick();
    }
    expect((await outcomes).map((o) => ('result' in o ? o.result.position : -1))).toEqual([0, 1, 2]);
    expect(slots.refused).toBe(1);
  });
});
