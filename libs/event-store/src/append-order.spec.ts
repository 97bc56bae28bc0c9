import { AppendOrder } from './append-order';

/** A send that notes when it is called (synchronously) and answers its name. */
const sendOf = (calls: string[], name: string) => async () => {
  calls.push(name);
  return name;
};

describe('an append order', () => {
  it('holds the later commands’ sends until the earlier one sends, then makes them all in that same call', async () => {
    const order = new AppendOrder();
    const [first, second, third] = [order.next(), order.next(), order.next()];
    const calls: string[] = [];
    const sentThird = third.send(sendOf(calls, 'third'));
    const sentSecond = second.send(sendOf(calls, 'second'));
    expect(calls).toEqual([]);

    const sentFirst = first.send(sendOf(calls, 'first'));
    // Synchronously, in the given order: what one tick publishes, NATS writes to the socket at once.
    expect(calls).toEqual(['first', 'second', 'third']);
    await expect(Promise.all([sentFirst, sentSecond, sentThird])).resolves.toEqual([
      'first',
      'second',
      'third',
    ]);
  });

  it('lets the next command send when an earlier one ends without an append, or its send throws', async () => {
    const order = new AppendOrder();
    const [rejected, failing, last] = [order.next(), order.next(), order.next()];
    const calls: string[] = [];
    const sentLast = last.send(sendOf(calls, 'last'));
    const failed = failing.send(() => {
      throw new Error('no connection');
    });
    rejected.finish();
    await expect(failed).rejects.toThrow('no connection');
    expect(calls).toEqual(['last']);
    await expect(sentLast).resolves.toBe('last');
  });

  it('sends at once a command deciding again after a lost race (its turn has passed)', async () => {
    const order = new AppendOrder();
    const [only, later] = [order.next(), order.next()];
    const calls: string[] = [];
    await only.send(sendOf(calls, 'first try'));
    await only.send(sendOf(calls, 'second try'));
    await later.send(sendOf(calls, 'later'));
    expect(calls).toEqual(['first try', 'second try', 'later']);
  });

  it('releases thousands of waiting sends in one go without nesting as deep', async () => {
    const order = new AppendOrder();
    const turns = Array.from({ length: 20_000 }, () => order.next());
    const calls: string[] = [];
    const sent = turns.slice(1).map((turn, i) => turn.send(sendOf(calls, String(i + 1))));
    await turns[0]!.send(sendOf(calls, '0'));
    expect(calls).toHaveLength(20_000);
    expect(calls.at(-1)).toBe('19999');
    await Promise.all(sent);
  });
});
