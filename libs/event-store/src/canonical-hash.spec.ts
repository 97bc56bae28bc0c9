import { canonicalJson, contentHash, deterministicUuid } from './canonical-hash';

describe('content hashes for idempotency', () => {
  it('do not depend on the order of keys', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      contentHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it('change when any value changes, including order inside arrays', () => {
    const base = contentHash({ topics: ['vneid', 'e-commerce'] });
    expect(contentHash({ topics: ['e-commerce', 'vneid'] })).not.toBe(base);
    expect(contentHash({ topics: ['vneid'] })).not.toBe(base);
  });

  it('treat a missing key and an undefined one alike, but not null', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: 1, b: null })).not.toBe(canonicalJson({ a: 1 }));
  });
});

describe('deterministic ids', () => {
  it('give the same UUID for the same parts and another for other parts', () => {
    const id = deterministicUuid('visit', '99001', 'cmd-1');
    expect(deterministicUuid('visit', '99001', 'cmd-1')).toBe(id);
    expect(deterministicUuid('visit', '99002', 'cmd-1')).not.toBe(id);
    expect(deterministicUuid('visit', '990', '01cmd-1')).not.toBe(id);
  });

  it('are RFC 9562 version 8 UUIDs', () => {
    expect(deterministicUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
