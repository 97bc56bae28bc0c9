import { withoutSealed } from './without-sealed';

describe('an exported event', () => {
  it('shows every sealed blob of personal details as "(sealed)", wherever it sits, and keeps the rest', () => {
    const sealed = { v: 1, iv: 'AAAAAAAAAAAAAAAA', data: 'bm90IGZvciBhbmFseXN0cw' };
    expect(
      withoutSealed({
        residentKey: 'r-1',
        personal: sealed,
        moves: [{ personal: sealed, toVillage: 'thon-2' }],
      }),
    ).toEqual({
      residentKey: 'r-1',
      personal: '(sealed)',
      moves: [{ personal: '(sealed)', toVillage: 'thon-2' }],
    });
  });

  it('keeps an object that only looks alike (another version, more fields)', () => {
    const other = { v: 2, iv: 'x', data: 'y' };
    const more = { v: 1, iv: 'x', data: 'y', note: 'z' };
    expect(withoutSealed({ other, more, n: null })).toEqual({ other, more, n: null });
  });
});
