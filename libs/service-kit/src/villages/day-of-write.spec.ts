import { dayOfWrite } from './villages';

describe('the day a write names its villages on', () => {
  const now = new Date('2026-03-10T20:00:00Z'); // 2026-03-11 in Vietnam

  it('is the effective date when the write has one, whatever it says happened', () => {
    expect(dayOfWrite({ effectiveDate: '2026-01-05', occurredAt: '2026-02-01T08:00:00+07:00' }, now)).toBe(
      '2026-01-05',
    );
  });

  it("is the day it happened, in Vietnam's calendar, when it has no effective date", () => {
    expect(dayOfWrite({ occurredAt: '2026-02-01T18:30:00Z' }, now)).toBe('2026-02-02');
  });

  it('is today, in Vietnam, when it names neither', () => {
    expect(dayOfWrite({}, now)).toBe('2026-03-11');
    expect(dayOfWrite(null, now)).toBe('2026-03-11');
  });

  it('passes over a malformed value to the next one (the schema refuses it later, with its own message)', () => {
    expect(dayOfWrite({ effectiveDate: '05/01/2026', occurredAt: '2026-02-01T08:00:00+07:00' }, now)).toBe(
      '2026-02-01',
    );
    expect(dayOfWrite({ occurredAt: 'yesterday' }, now)).toBe('2026-03-11');
  });

  it('takes a checked write’s fields as they are, and still falls back to the day it happened, then today', () => {
    const checked = (sent: unknown) => dayOfWrite(sent, now, true);
    expect(checked({ effectiveDate: '2026-01-05', occurredAt: '2026-02-01T08:00:00+07:00' })).toBe(
      '2026-01-05',
    );
    expect(checked({ occurredAt: '2026-02-01T18:30:00Z' })).toBe('2026-02-02');
    expect(checked({})).toBe('2026-03-11');
    // Not judged again: the schema did (here, a day a schema would have refused).
    expect(checked({ effectiveDate: '1999-12-31' })).toBe('1999-12-31');
  });
});
