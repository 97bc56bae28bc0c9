import { HEAP_GROWING_PERCENT, HeapGrowth } from './heap-growth';
import { loadServiceConfig } from './service-config';

const BOUND = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
const V8_OWN = '--heap-growing-percent=0';

describe("a service's heap growth", () => {
  it('is bounded to HEAP_GROWING_PERCENT past what a full collection kept, unless the environment says', () => {
    expect(loadServiceConfig('merchants', 3002, {}, {}).heapGrowingPercent).toBe(HEAP_GROWING_PERCENT);
    expect(loadServiceConfig('merchants', 3002, {}, { HEAP_GROWING_PERCENT: '50' }).heapGrowingPercent).toBe(
      50,
    );
    const set: string[] = [];

    expect(new HeapGrowth((f) => set.push(f)).bound(HEAP_GROWING_PERCENT, ['--enable-source-maps'])).toBe(
      true,
    );
    expect(set).toEqual([BOUND]);
  });

  it.each([['-5'], ['twenty'], ['2.5'], ['1000']])('refuses HEAP_GROWING_PERCENT=%s, naming it', (value) => {
    expect(() => loadServiceConfig('merchants', 3002, {}, { HEAP_GROWING_PERCENT: value })).toThrow(
      /configuration is invalid:\s+HEAP_GROWING_PERCENT/,
    );
  });

  it('is V8’s own at 0, during a rebuild too', async () => {
    const set: string[] = [];
    const growth = new HeapGrowth((f) => set.push(f));

    expect(growth.bound(0, [])).toBe(false);
    await growth.unboundedWhile(async () => undefined);
    expect(set).toEqual([]);
  });

  it.each([['--heap-growing-percent=50'], ['--heap_growing_percent=0']])(
    'is left to an operator who started the service with %s, during a rebuild too',
    async (flag) => {
      const set: string[] = [];
      const growth = new HeapGrowth((f) => set.push(f));

      expect(growth.bound(HEAP_GROWING_PERCENT, ['-r', './scripts/built.cjs', flag])).toBe(false);
      await growth.unboundedWhile(async () => undefined);
      expect(set).toEqual([]);
    },
  );

  it("is V8's own while a rebuild runs, and bounded again once the last one ends, however it ends", async () => {
    const set: string[] = [];
    const growth = new HeapGrowth((f) => set.push(f));
    growth.bound(50, []);
    let finishFirst!: () => void;
    let failSecond!: (err: Error) => void;

    const first = growth.unboundedWhile(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = growth.unboundedWhile(() => new Promise<void>((_, reject) => (failSecond = reject)));
    expect(set).toEqual(['--heap-growing-percent=50', V8_OWN]);
    failSecond(new Error('the rebuild failed'));
    await expect(second).rejects.toThrow('the rebuild failed');
    expect(set).toEqual(['--heap-growing-percent=50', V8_OWN]);
    finishFirst();
    await first;

    expect(set).toEqual(['--heap-growing-percent=50', V8_OWN, '--heap-growing-percent=50']);
  });
});
