import { HEAP_GROWING_PERCENT, boundHeapGrowth } from './heap-growth';

describe("bounding a service's heap growth", () => {
  it('sets V8 to grow the heap by HEAP_GROWING_PERCENT past what a full collection kept', () => {
    const set: string[] = [];

    expect(boundHeapGrowth(['--enable-source-maps'], (flags) => set.push(flags))).toBe(true);
    expect(set).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it.each([['--heap-growing-percent=50'], ['--heap_growing_percent=0']])(
    'leaves an operator’s own %s alone',
    (flag) => {
      const set: string[] = [];

      expect(boundHeapGrowth(['-r', './scripts/built.cjs', flag], (flags) => set.push(flags))).toBe(false);
      expect(set).toEqual([]);
    },
  );
});
