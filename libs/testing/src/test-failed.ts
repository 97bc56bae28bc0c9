/**
 * Whether the test that just ran failed, for an afterEach hook that prints what the failure needs to
 * be understood. Set by the integration project's environment (libs/testing/jest-integration-environment.js).
 */
export const testFailed = (): boolean =>
  (globalThis as { __cnscdTestFailed?: boolean }).__cnscdTestFailed === true;
