import type ExcelJS from 'exceljs';
import type { QuarterlyReport } from './quarterly-report';
import { INDICATOR_COLUMNS, indicatorCells, reportLayout, type ReportTable } from './report-layout';

const FONT = 'Times New Roman';
const THIN = { style: 'thin' } as const;
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * How every sheet prints: A4 landscape, one page wide and as many tall as it needs (`fitToPage` is the
 * flag that makes a spreadsheet program honour `fitToWidth`), the table's heading row repeated on
 * every page, page numbers in the footer.
 */
function printSetup(sheet: ExcelJS.Worksheet, headingRow: number): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headingRow}:${headingRow}`,
    margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter.oddFooter = '&CTrang &P/&N';
}

/** A line across the table's width (merged), for the form's and the sections' text. */
function line(sheet: ExcelJS.Worksheet, row: number, from: number, to: number, text: string, style = {}) {
  if (to > from) sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = text;
  cell.font = { name: FONT, size: 12, ...style };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

/**
 * A row's height for its longest wrapped cell: spreadsheet programs do not grow a row to fit wrapped
 * text written by another program, so a long note would print cut off (15 points a line of 11-point text).
 */
function heightOf(cells: readonly (string | number)[], t: ReportTable): number {
  const lines = cells.map((c, i) => Math.ceil(String(c).length / Math.max(1, t.columns[i]!.width * 1.15)));
  return 15 * Math.max(1, ...lines);
}

/** The table from `row` on: its title, heading (returned: the row to repeat on each page), its rows. */
function table(sheet: ExcelJS.Worksheet, row: number, t: ReportTable): number {
  const width = t.columns.length;
  line(sheet, row, 1, width, t.title, { bold: true });
  sheet.getCell(row, 1).alignment = { horizontal: 'left' };
  const heading = sheet.getRow(row + 1);
  heading.values = t.columns.map((c) => c.heading);
  heading.height = 48;
  t.rows.forEach((cells, i) => {
    const r = sheet.getRow(row + 2 + i);
    r.values = [...cells];
    r.height = heightOf(cells, t);
    if (t.totalRow && i === t.rows.length - 1) r.font = { name: FONT, size: 11, bold: true };
  });
  for (let r = row + 1; r <= row + 1 + t.rows.length; r++)
    for (let c = 1; c <= width; c++) {
      const cell = sheet.getCell(r, c);
      cell.border = BOX;
      cell.font = { name: FONT, size: 11, bold: r === row + 1 || cell.font?.bold === true };
      cell.alignment = {
        wrapText: true,
        vertical: 'middle',
        horizontal: r === row + 1 ? 'center' : undefined,
      };
    }
  t.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  return row + 1;
}

/**
 * The report as the commune's People's Committee files it (Decree 30/2020/NĐ-CP): the form and the
 * indicators on the first sheet, the teams and their work on the second, the offices' difficulties and
 * proposals with the recipients and the signer on the third. Each prints on A4 landscape, one page wide.
 */
export async function reportXlsx(report: QuarterlyReport): Promise<Buffer> {
  const layout = reportLayout(report);
  // Loaded on the first workbook, not at start-up: ≈ 28 MiB the service would hold for nothing until an
  // office downloads a report (issue 17's memory goal).
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'cnscd';
  const [indicators, work, notes] = layout.tables as [ReportTable, ReportTable, ReportTable];

  const first = book.addWorksheet('Báo cáo');
  const w = indicators.columns.length;
  line(first, 1, 1, 3, layout.issuer[0]);
  line(first, 1, 5, w, layout.motto[0], { bold: true });
  line(first, 2, 1, 3, layout.issuer[1], { bold: true });
  line(first, 2, 5, w, layout.motto[1], { bold: true });
  line(first, 3, 1, 3, layout.number);
  line(first, 3, 5, w, layout.placeAndDate, { italic: true });
  line(first, 5, 1, w, layout.kind, { bold: true, size: 14 });
  line(first, 6, 1, w, layout.summary, { bold: true });
  line(first, 7, 1, w, layout.addressee);
  line(first, 8, 1, w, layout.basis, { italic: true, size: 11 });
  first.getRow(8).height = 30;
  printSetup(first, table(first, 10, indicators));

  const second = book.addWorksheet('Hoạt động');
  printSetup(second, table(second, 1, work));

  const third = book.addWorksheet('Khó khăn, đề xuất');
  printSetup(third, table(third, 1, notes));
  const after = notes.rows.length + 4;
  third.getCell(after, 1).value = 'Nơi nhận:';
  third.getCell(after, 1).font = { name: FONT, size: 12, bold: true, italic: true };
  layout.recipients.forEach((r, i) => {
    third.getCell(after + 1 + i, 1).value = r;
    third.getCell(after + 1 + i, 1).font = { name: FONT, size: 11 };
  });
  const signer = [...layout.signer.lines, '', '', '', layout.signer.name];
  signer.forEach((text, i) => line(third, after + i, 3, 3, text, { bold: true }));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The indicator table as CSV (UTF-8 with BOM, so spreadsheet programs read the diacritics). */
export function reportCsv(report: QuarterlyReport): string {
  const quote = (v: unknown) => {
    const s = String(v ?? '');
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const headings = INDICATOR_COLUMNS.map((c) => c.heading);
  const lines = [headings, ...report.rows.map(indicatorCells)].map((cells) => cells.map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
