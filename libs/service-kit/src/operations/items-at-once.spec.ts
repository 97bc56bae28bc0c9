import { ForbiddenError } from '../problem-details';
import { ITEMS_IN_FLIGHT, runItemsAtOnce } from './items-at-once';
import type { OperationResult } from './operation';

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
