import { deliveryOf } from './delivery-info';

describe('reading a JetStream delivery from its reply subject', () => {
  it('reads the short form: stream sequence, stored time in milliseconds, pending', () => {
    expect(deliveryOf('$JS.ACK.CNSCD_EVENTS.OC_a1b2.1.4711.12.1764180000123456789.99')).toEqual({
      streamSequence: 4711,
      storedAtMs: 1764180000123,
      pending: 99,
    });
  });

  it('reads the long form with domain, account hash and a trailing token', () => {
    expect(deliveryOf('$JS.ACK.hub.ACCHASH.CNSCD_EVENTS.OC_a1b2.2.5.6.1764180000999000000.0.xyz')).toEqual({
      streamSequence: 5,
      storedAtMs: 1764180000999,
      pending: 0,
    });
  });

  it('refuses a subject that is not a JetStream acknowledgement', () => {
    expect(() => deliveryOf('_INBOX.abc.def')).toThrow(/Not a JetStream delivery/);
    expect(() => deliveryOf('$JS.ACK.S.C.1.2.3')).toThrow(/Not a JetStream delivery/);
  });
});
