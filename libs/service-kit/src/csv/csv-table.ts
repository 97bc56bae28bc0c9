import { parse } from 'csv-parse/sync';
import { CsvSyntaxError } from '../problem-details';

/** A header as people type it, reduced to a comparable key: "Ngày thăm" → "ngay tham". */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

export interface CsvRow {
  /** The line in the file (1 = the header), for error reports. */
  readonly line: number;
  /** Values by field, already mapped from the file's headers. */
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly rows: readonly CsvRow[];
  /** For each field, the header the file used: error reports name the column as the user wrote it. */
  readonly columnOf: Readonly<Record<string, string>>;
  readonly unknownHeaders: readonly string[];
}

/**
 * Parses a UTF-8 CSV (BOM, `,` or `;` separators, quoted fields) and maps its headers to fields through
 * `aliases` (field → accepted header keys, Vietnamese with or without diacritics, or English).
 */
export function readCsv(text: string, aliases: Readonly<Record<string, readonly string[]>>): CsvTable {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw csvSyntaxError(err as { code?: string; lines?: number; column?: number | string });
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], columnOf: {}, unknownHeaders: [] };
  const fieldByKey = new Map(
    Object.entries(aliases).flatMap(([field, keys]) => keys.map((k) => [k, field] as const)),
  );
  const fields = header.record.map((h) => fieldByKey.get(headerKey(h)));
  const columnOf: Record<string, string> = {};
  header.record.forEach((h, i) => {
    if (fields[i]) columnOf[fields[i]!] = h;
  });
  return {
    columnOf,
    unknownHeaders: header.record.filter((_, i) => !fields[i]),
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      values: Object.fromEntries(record.flatMap((v, i) => (fields[i] && v !== '' ? [[fields[i]!, v]] : []))),
    })),
  };
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'dấu ngoặc kép mở mà không đóng / a quote is opened and never closed',
  CSV_INVALID_CLOSING_QUOTE:
    'sau dấu ngoặc kép đóng phải là dấu phân cách / a closing quote must be followed by a separator',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'sau dấu ngoặc kép đóng phải là dấu phân cách / a closing quote must be followed by a separator',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'số cột không khớp dòng tiêu đề / the columns do not match the header',
};

/** Where the file stops being CSV, and why — never the value found there (it may be personal data). */
function csvSyntaxError(err: { code?: string; lines?: number; column?: number | string }): CsvSyntaxError {
  const line = typeof err.lines === 'number' ? err.lines : 1;
  const column = typeof err.column === 'number' ? err.column + 1 : 1;
  const why = CSV_PROBLEMS[err.code ?? ''] ?? 'không đọc được tệp CSV / the file is not readable CSV';
  return new CsvSyntaxError(line, column, why);
}

/** `dd/mm/yyyy`, `yyyy-mm-dd` or a full ISO date-time; a bare date means that day in Vietnam. */
export function vietnameseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}T00:00:00+07:00`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00+07:00`;
  return value;
}

export const dayOf = (value: string | undefined) => vietnameseDate(value)?.slice(0, 10);

/** "1; 5, vneid" → codes, accepting each code or its number in `codes` (1-based). */
export function codeList(value: string | undefined, codes: readonly string[]): string[] | undefined {
  if (!value) return undefined;
  return value
    .split(/[;,|]/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => (/^\d+$/.test(v) ? (codes[Number(v) - 1] ?? v) : v.toLowerCase()));
}
