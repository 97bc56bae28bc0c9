import { CsvSyntaxError, toProblem } from '../problem-details';
import { codeList, headerKey, readCsv, vietnameseDate } from './csv-table';

describe('reading the spreadsheets teams keep', () => {
  const aliases = {
    villageCode: ['thon', 'village'],
    occurredAt: ['ngay tham', 'date'],
    note: ['ghi chu', 'note'],
  };

  it('maps Vietnamese headers, with or without diacritics, and keeps the line of every row', () => {
    const csv =
      '\uFEFFThôn;Ngày thăm;Ghi chú;Cột lạ\nthon-1;02/03/2026;"Hẹn lại; tuần sau";x\n\nthon-2;2026-03-05;;\n';
    const table = readCsv(csv, aliases);
    expect(table.rows).toEqual([
      { line: 2, values: { villageCode: 'thon-1', occurredAt: '02/03/2026', note: 'Hẹn lại; tuần sau' } },
      { line: 4, values: { villageCode: 'thon-2', occurredAt: '2026-03-05' } },
    ]);
    expect(table.columnOf).toEqual({ villageCode: 'Thôn', occurredAt: 'Ngày thăm', note: 'Ghi chú' });
    expect(table.unknownHeaders).toEqual(['Cột lạ']);
  });

  it.each([
    ['a quote never closed', 'Thôn,Ngày thăm\nthon-1,"02/03/2026\n', 2, 2],
    ['text after a closing quote', 'Thôn,Ghi chú\nthon-1,"079203001234"x\n', 2, 2],
  ])(
    'says where a file stops being CSV (%s): line and column, never the value',
    (_why, csv, line, column) => {
      let error: unknown;
      try {
        readCsv(csv, aliases);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect(error).toMatchObject({ line, column });
      const problem = toProblem(error);
      expect(problem).toMatchObject({ status: 400, code: 'invalid-csv', errors: [{ line, column }] });
      expect(JSON.stringify(problem)).not.toContain('079203001234');
    },
  );

  it('reduces headers to comparable keys', () => {
    expect(headerKey('  Số  CCCD ')).toBe('so cccd');
    expect(headerKey('Đơn_vị')).toBe('don vi');
  });

  it('reads Vietnamese dates as that day in Vietnam', () => {
    expect(vietnameseDate('2/3/2026')).toBe('2026-03-02T00:00:00+07:00');
    expect(vietnameseDate('2026-03-02')).toBe('2026-03-02T00:00:00+07:00');
    expect(vietnameseDate('2026-03-02T08:30:00+07:00')).toBe('2026-03-02T08:30:00+07:00');
  });

  it('accepts codes or their numbers in lists', () => {
    expect(codeList('5; e-health-record, 1', ['online-public-services', 'b', 'c', 'd', 'vneid'])).toEqual([
      'vneid',
      'e-health-record',
      'online-public-services',
    ]);
  });
});
