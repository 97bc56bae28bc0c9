import { prefersRespondAsync } from './respond-async';

describe('a caller preferring not to wait for the read models (Prefer: respond-async, RFC 7240)', () => {
  it.each([
    ['respond-async'],
    ['Respond-Async'],
    ['return=minimal, respond-async'],
    ['wait=5,respond-async; foo=bar'],
  ])('is recognised in "%s"', (prefer) => {
    expect(prefersRespondAsync({ prefer })).toBe(true);
  });

  it.each([[''], ['return=minimal'], ['respond-asynchronously'], ['handling=respond-async']])(
    'is not read into "%s"',
    (prefer) => {
      expect(prefersRespondAsync({ prefer })).toBe(false);
    },
  );

  it('is absent without the header, and read from NATS headers as from HTTP ones', () => {
    expect(prefersRespondAsync({})).toBe(false);
    expect(prefersRespondAsync({ get: (n) => (n === 'prefer' ? 'respond-async' : undefined) })).toBe(true);
  });
});
