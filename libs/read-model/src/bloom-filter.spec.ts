import { randomUUID } from 'node:crypto';
import { BloomFilter } from './bloom-filter';

describe('the Bloom filter of command ids', () => {
  const filled = (capacity: number) => {
    const filter = new BloomFilter(capacity);
    const added = Array.from({ length: capacity }, () => `99001/${randomUUID()}`);
    for (const id of added) filter.add(id);
    return { filter, added };
  };

  it('never says "never seen" of an id it was given, even full', () => {
    const { filter, added } = filled(50_000);
    expect(added.filter((id) => !filter.mightHold(id))).toEqual([]);
    expect(filter.full).toBe(false);
    while (!filter.full) filter.add(`99001/${randomUUID()}`);
    expect(filter.added).toBe(50_001);
  });

  it('counts an id given twice once (the index adds each at its append and again from its row)', () => {
    const filter = new BloomFilter(1_000);
    const ids = Array.from({ length: 1_000 }, () => `99001/${randomUUID()}`);
    for (const id of [...ids, ...ids]) filter.add(id);
    expect(filter.full).toBe(false);
    // A new id that sets no bit is one the filter already took for seen: at most about 1% of them.
    expect(filter.added).toBeGreaterThan(980);
    expect(filter.added).toBeLessThanOrEqual(1_000);
  });

  it('says "never seen" of nearly every other id (false positives about 1% at capacity)', () => {
    const { filter } = filled(50_000);
    const others = Array.from({ length: 20_000 }, () => `99001/${randomUUID()}`);
    const falsePositives = others.filter((id) => filter.mightHold(id)).length / others.length;
    expect(falsePositives).toBeLessThan(0.02);
  });
});
