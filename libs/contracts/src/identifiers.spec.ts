import { Day, Instant, OccurredAt, ResidentKey, ShortNote, containsIdLikeNumber } from './identifiers';

describe('keeping ID-card and phone numbers out of free text', () => {
  it.each(['079203001234', '0792 0300 1234', '079.203.001.234', '0912-345-678', '123456789'])(
    'finds %s',
    (text) => expect(containsIdLikeNumber(`Ghi chú: ${text}.`)).toBe(true),
  );

  it.each(['Hộ số 12, thôn 3', 'Hẹn lại ngày 2026-03-16', 'Cài VNeID cho 4 người', '12345678'])(
    'lets ordinary text such as "%s" through',
    (text) => expect(containsIdLikeNumber(text)).toBe(false),
  );

  it('refuses a note that holds an ID-card number, without echoing it', () => {
    const result = ShortNote.safeParse('CCCD 079203001234');
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error)).not.toContain('079203001234');
  });
});

describe('resident keys', () => {
  it('accept a 64-hex pseudonymous key and refuse a raw 12-digit citizen ID', () => {
    expect(ResidentKey.safeParse('ab'.repeat(32)).success).toBe(true);
    expect(ResidentKey.safeParse('079203001234').success).toBe(false);
  });
});

describe('domain ranges of dates', () => {
  const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.success ? [] : r.error!.issues.map((i) => i.message);

  it.each(['0000-01-01', '1999-12-31', '2100-01-01', '9999-12-31'])('refuse the day %s', (day) => {
    expect(messages(Day.safeParse(day))).toEqual([expect.stringContaining('2000-01-01 … 2099-12-31')]);
  });

  it('take a day within the horizon, and name a malformed one once', () => {
    expect(Day.safeParse('2030-12-31').success).toBe(true);
    expect(messages(Day.safeParse('31/12/2030'))).toEqual([expect.stringContaining('YYYY-MM-DD')]);
  });

  it.each(['0000-01-01T00:00:00Z', '1999-12-31T16:59:59Z', '9999-12-31T00:00:00Z'])(
    'refuse the instant %s',
    (at) => {
      expect(Instant.safeParse(at).success).toBe(false);
      expect(OccurredAt.safeParse(at).success).toBe(false);
    },
  );

  it('let something have happened up to one day ahead of now, not further', () => {
    const ahead = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    expect(OccurredAt.safeParse(ahead(23)).success).toBe(true);
    expect(messages(OccurredAt.safeParse(ahead(25)))).toEqual([expect.stringContaining('one day from now')]);
    expect(OccurredAt.safeParse('2000-01-01T00:00:00+07:00').success).toBe(true);
  });
});
