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
    filter.add('one more');
    expect(filter.full).toBe(true);
  });

  it('says "never seen" of nearly every other id (false positives about 1% at capacity)', () => {
    const { filter } = filled(50_000);
    const others = Array.from({ length: 20_000 }, () => `99001/${randomUUID()}`);
    const falsePositives = others.filter((id) => filter.mightHold(id)).length / others.length;
    expect(falsePositives).toBeLessThan(0.02);
  });
});
