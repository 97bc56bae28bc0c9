import { lookEveryMs } from './place-evaluator';

describe("the place evaluator's own look at the marks (PLACES_LOOK_EVERY_MS)", () => {
  it('comes every 5 seconds unless the environment says otherwise', () => {
    expect(lookEveryMs({})).toBe(5000);
    expect(lookEveryMs({ PLACES_LOOK_EVERY_MS: '600000' })).toBe(600_000);
  });

  it('refuses a value that is not a whole number of milliseconds, or one that would poll as before', () => {
    for (const bad of ['soon', '2.5', '-1', '50'])
      expect(() => lookEveryMs({ PLACES_LOOK_EVERY_MS: bad })).toThrow(/PLACES_LOOK_EVERY_MS/);
  });
});
