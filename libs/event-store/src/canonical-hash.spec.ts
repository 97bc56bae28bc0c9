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

  it('stay what they were when first recorded (commands are compared with hashes stored in events)', () => {
    const command = {
      type: 'LogVisit',
      visitId: 'a',
      commandId: 'c',
      topics: ['vneid', 'e-health-record'],
      followUp: null,
      note: 'Hộ cần hỗ trợ',
      nested: { z: 1, a: [1, { y: 'ü', b: undefined }] },
    };
    expect(canonicalJson(command)).toBe(
      '{"commandId":"c","followUp":null,"nested":{"a":[1,{"y":"ü"}],"z":1},"note":"Hộ cần hỗ trợ",' +
        '"topics":["vneid","e-health-record"],"type":"LogVisit","visitId":"a"}',
    );
    expect(contentHash(command)).toBe('7C4DKl4hFMhctX_PY_r7Vq2QLkjh9WkIzcA83e7bE2U');
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

  it('stay what they were when first derived (a resend must find the same record)', () => {
    expect(deterministicUuid('visit', '99001', 'cmd-1')).toBe('e20ff68a-7fba-8369-b87e-79487f0beae6');
  });

  it('are RFC 9562 version 8 UUIDs', () => {
    expect(deterministicUuid('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
