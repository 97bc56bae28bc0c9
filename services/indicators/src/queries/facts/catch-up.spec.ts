import { untilCaughtUp, type CatchingUp } from './catch-up';

/** A runner at `checkpoint` that reaches each position it is asked for after `waitsToReach` waits. */
function aRunner(checkpoint: number, waitsToReach: number) {
  const asked: number[] = [];
  const runner: CatchingUp & { checkpoint: number } = {
    checkpoint,
    async waitFor(position) {
      asked.push(position);
      if (asked.length < waitsToReach) {
        runner.checkpoint += 10;
        return false;
      }
      runner.checkpoint = position;
      return true;
    },
  };
  return { runner, asked };
}

describe('a rebuilt schema catching up before it serves', () => {
  it('goes on waiting past a wait that ends short, reading the head again each time, and answers the head it reached', async () => {
    const { runner, asked } = aRunner(100, 3);
    const heads = [150, 160, 170];
    const told: unknown[] = [];
    await untilCaughtUp(
      runner,
      async () => heads.shift()!,
      (at) => told.push(at),
      1,
    );
    expect(asked).toEqual([150, 160, 170]);
    expect(told).toEqual([
      { position: 110, head: 150 },
      { position: 120, head: 160 },
    ]);
    expect(runner.checkpoint).toBe(170);
  });

  it('is done at once when the runner already holds the head', async () => {
    const { runner, asked } = aRunner(150, 1);
    const told: unknown[] = [];
    await untilCaughtUp(
      runner,
      async () => 150,
      (at) => told.push(at),
      1,
    );
    expect({ asked, told }).toEqual({ asked: [150], told: [] });
  });

  it('fails when the head cannot be read, so the rebuild says why', async () => {
    const { runner } = aRunner(100, 1);
    await expect(
      untilCaughtUp(
        runner,
        () => Promise.reject(new Error('JetStream away')),
        () => undefined,
        1,
      ),
    ).rejects.toThrow('JetStream away');
  });
});
