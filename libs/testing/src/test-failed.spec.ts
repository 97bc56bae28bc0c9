import { testFailed } from './test-failed';

// The integration project's environment, as jest loads it (CommonJS, beside jest.config.js's others).
const Environment = require('../jest-integration-environment.js') as {
  prototype: { handleTestEvent(this: { global: Record<string, unknown> }, event: { name: string }): void };
};

const runningIn = (global: Record<string, unknown>, ...events: string[]) => {
  for (const name of events) Environment.prototype.handleTestEvent.call({ global }, { name });
  return global.__cnscdTestFailed;
};

it('marks a test whose body failed as failed, and the next test as not failed when it starts', () => {
  const global: Record<string, unknown> = {};
  expect(runningIn(global, 'test_start', 'test_fn_start', 'test_fn_failure')).toBe(true);
  expect(runningIn(global, 'test_done', 'test_start', 'test_fn_start', 'test_fn_success')).toBe(false);
});

it('reads the mark the environment left on the test file’s global', () => {
  const global = globalThis as { __cnscdTestFailed?: boolean };
  global.__cnscdTestFailed = true;
  expect(testFailed()).toBe(true);
  global.__cnscdTestFailed = false;
  expect(testFailed()).toBe(false);
  delete global.__cnscdTestFailed;
  expect(testFailed()).toBe(false);
});
