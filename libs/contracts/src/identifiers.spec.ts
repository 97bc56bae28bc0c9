import { ResidentKey, ShortNote, containsIdLikeNumber } from './identifiers';

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
