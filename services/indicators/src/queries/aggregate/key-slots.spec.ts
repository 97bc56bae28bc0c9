import { KeySlots } from './key-slots';

const residentKey = (i: number) => i.toString(16).padStart(64, '0');

describe('the rebuild’s table of keys held off the V8 heap', () => {
  it('answers -1 for a key never set', () => {
    const slots = new KeySlots();
    slots.set(0, residentKey(1), 7);
    expect(slots.get(0, residentKey(2))).toBe(-1);
  });

  it('answers the number set for a key', () => {
    const slots = new KeySlots();
    slots.set(0, residentKey(1), 7);
    slots.set(0, residentKey(2), 8);
    expect([slots.get(0, residentKey(1)), slots.get(0, residentKey(2))]).toEqual([7, 8]);
  });

  it('keeps the same key apart in two groups (two communes)', () => {
    const slots = new KeySlots();
    slots.set(0, residentKey(1), 7);
    slots.set(1, residentKey(1), 8);
    expect([
      slots.get(0, residentKey(1)),
      slots.get(1, residentKey(1)),
      slots.get(2, residentKey(1)),
    ]).toEqual([7, 8, -1]);
  });

  it('replaces the number when a key is set again, without a second entry', () => {
    const slots = new KeySlots();
    slots.set(0, residentKey(1), 7);
    slots.set(0, residentKey(1), 9);
    expect([slots.get(0, residentKey(1)), slots.size]).toEqual([9, 1]);
  });

  it('tells apart a key from its prefix, and keys beyond ASCII', () => {
    const slots = new KeySlots();
    ['ab', 'abc', 'Bản Mường', 'Ban Muong', ''].forEach((key, i) => slots.set(0, key, i));
    expect(['ab', 'abc', 'Bản Mường', 'Ban Muong', '', 'a'].map((key) => slots.get(0, key))).toEqual([
      0, 1, 2, 3, 4, -1,
    ]);
  });

  it('keeps every key through the table’s and the arena’s growth', () => {
    const slots = new KeySlots();
    const n = 20_000; // the table grows six times, the arena five
    for (let i = 0; i < n; i++) slots.set(i % 3, residentKey(i), i);
    const wrong = [];
    for (let i = 0; i < n; i++) if (slots.get(i % 3, residentKey(i)) !== i) wrong.push(i);
    expect({ wrong, size: slots.size, absent: slots.get(1, residentKey(0)) }).toEqual({
      wrong: [],
      size: n,
      absent: -1,
    });
  });
});
