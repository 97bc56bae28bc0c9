import { SignInThrottle } from './sign-in-throttle';

describe('sign-in attempts per client address', () => {
  const T0 = Date.parse('2026-03-02T08:00:00Z');

  it('lets a client try as often as the rate allows, then says how long to wait', () => {
    const throttle = new SignInThrottle(10);
    const waits = Array.from({ length: 11 }, () => throttle.take('203.0.113.7', T0));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits[10]).toBe(6);
  });

  it('refills at the rate: one more attempt every six seconds at ten a minute', () => {
    const throttle = new SignInThrottle(10);
    for (let i = 0; i < 10; i++) throttle.take('203.0.113.7', T0);
    expect(throttle.take('203.0.113.7', T0 + 3_000)).toBeGreaterThan(0);
    expect(throttle.take('203.0.113.7', T0 + 12_000)).toBe(0);
  });

  it('keeps each client to its own bucket', () => {
    const throttle = new SignInThrottle(2);
    throttle.take('a', T0);
    throttle.take('a', T0);
    expect(throttle.take('a', T0)).toBeGreaterThan(0);
    expect(throttle.take('b', T0)).toBe(0);
  });
});
