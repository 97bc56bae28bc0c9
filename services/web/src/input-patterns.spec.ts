import { INPUT_PATTERNS } from '../app/src/input-patterns';

/** How a browser applies an input's `pattern`: the whole value, compiled with the `v` flag. */
const asTheBrowserReadsIt = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'v');

describe('the app’s input patterns', () => {
  it.each(Object.entries(INPUT_PATTERNS))('%s compiles as the browser compiles it', (_, pattern) => {
    expect(() => asTheBrowserReadsIt(pattern)).not.toThrow();
  });

  it('takes a village code and refuses a village name', () => {
    const village = asTheBrowserReadsIt(INPUT_PATTERNS.villageCode);
    expect(['thon-1', 'bon-bu-nor', 'to-dan-pho-3'].every((v) => village.test(v))).toBe(true);
    expect(['Thôn 1', 'thon 1', '-thon', 'THON-1'].some((v) => village.test(v))).toBe(false);
  });

  it('takes a household code and a commune code in their shapes', () => {
    expect(asTheBrowserReadsIt(INPUT_PATTERNS.householdCode).test('H-015')).toBe(true);
    expect(asTheBrowserReadsIt(INPUT_PATTERNS.householdCode).test('H 015')).toBe(false);
    expect(asTheBrowserReadsIt(INPUT_PATTERNS.communeCode).test('99001')).toBe(true);
    expect(asTheBrowserReadsIt(INPUT_PATTERNS.communeCode).test('9900')).toBe(false);
  });
});
