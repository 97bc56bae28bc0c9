import { FREE_COMPILE_JOBS_AT_ONCE, freeCompileJobsAtOnce } from './compile-jobs';

describe("the compiler's finished jobs", () => {
  it('are freed at once in a service started without a say on it', () => {
    const set: string[] = [];

    expect(freeCompileJobsAtOnce(['-r', './scripts/built.cjs'], (f) => set.push(f), '24.22.3')).toBe(true);
    expect(set).toEqual([FREE_COMPILE_JOBS_AT_ONCE]);
  });

  it.each([['--maglev-destroy-on-background'], ['--no-maglev_destroy_on_background']])(
    'are left to an operator who started the service with %s',
    (flag) => {
      const set: string[] = [];

      expect(freeCompileJobsAtOnce([flag], (f) => set.push(f), '24.22.3')).toBe(false);
      expect(set).toEqual([]);
    },
  );

  it('are left alone on Node.js 20, whose V8 does not know the setting', () => {
    const set: string[] = [];

    expect(freeCompileJobsAtOnce([], (f) => set.push(f), '20.19.0')).toBe(false);
    expect(set).toEqual([]);
  });
});
