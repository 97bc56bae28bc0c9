import ExcelJS from 'exceljs';
import { ROMAN } from './quarters';
import type { QuarterlyReport, ReportRow } from './quarterly-report';

const OFFICES: Record<string, string> = {
  'culture-society-office': 'Phòng Văn hóa – Xã hội',
  'economic-office': 'Phòng Kinh tế',
};
/** The commune, or the village by its name on the report date (its code if the commune never registered it). */
const place = (row: { village: string; villageName: string | null }) =>
  row.village === '*' ? 'Toàn xã' : (row.villageName ?? row.village);
/** Shares as percentages with a decimal comma, the Vietnamese way; counts as they are. */
const shown = (row: Pick<ReportRow, 'denominator'>, v: number | null) =>
  v === null ? '' : row.denominator === null ? String(v) : `${(v * 100).toFixed(1).replace('.', ',')}%`;
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export const REPORT_HEADERS = [
  'STT',
  'Chỉ tiêu',
  'Thôn',
  'Tử số',
  'Mẫu số',
  'Giá trị tại ngày báo cáo',
  'Thay đổi trong quý',
  'Mục tiêu năm',
  'Còn thiếu so với mục tiêu',
];

export function title(report: QuarterlyReport): string {
  const commune = report.communeName ? `xã ${report.communeName}` : `xã ${report.commune}`;
  return `BÁO CÁO KẾT QUẢ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG ${commune.toUpperCase()} – QUÝ ${ROMAN[report.quarter.quarter - 1]} NĂM ${report.quarter.year}`;
}

const rowCells = (r: ReportRow, i: number) => [
  i + 1,
  `${r.no}. ${r.name}`,
  place(r),
  r.numerator,
  r.missing === 'estimate' ? 'Chưa có số dân ước tính' : (r.denominator ?? ''),
  shown(r, r.value),
  shown(r, r.change),
  shown(r, r.target),
  shown(r, r.gap),
];

/** The report as the commune office files it: title, addressee, indicator table, activities, notes. */
export async function reportXlsx(report: QuarterlyReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'cnscd';
  const sheet = book.addWorksheet('Chỉ tiêu');
  sheet.mergeCells('A1:I1');
  sheet.getCell('A1').value = title(report);
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A1').alignment = { horizontal: 'center', wrapText: true };
  sheet.getRow(1).height = 36;
  sheet.mergeCells('A2:I2');
  sheet.getCell('A2').value =
    `Kính gửi: Sở Khoa học và Công nghệ. Số liệu tính đến ngày ${dmy(report.reportDate)}; hạn nộp trước ngày ${dmy(report.quarter.deadline)}.`;
  sheet.getCell('A2').alignment = { horizontal: 'center' };
  const header = sheet.getRow(4);
  header.values = REPORT_HEADERS;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  report.rows.forEach((r, i) => sheet.addRow(rowCells(r, i)));
  sheet.columns = [6, 58, 14, 9, 9, 14, 14, 12, 16].map((width) => ({ width }));

  const work = book.addWorksheet('Hoạt động');
  work.addRow([
    'Thôn',
    'Lượt thăm hộ',
    'Hoạt động tuyên truyền',
    'Người được tiếp cận',
    'Buổi tập huấn',
    'Buổi tập huấn hạt nhân',
    'Người dự tập huấn',
  ]).font = { bold: true };
  for (const w of report.work)
    work.addRow([
      place(w),
      w.visits,
      w.activities,
      w.peopleReached,
      w.sessions,
      w.coreSpreaderSessions,
      w.attendance,
    ]);
  work.columns = [14, 14, 22, 20, 14, 22, 18].map((width) => ({ width }));

  const notes = book.addWorksheet('Khó khăn, đề xuất');
  notes.addRow(['Đơn vị', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị']).font = { bold: true };
  for (const n of report.notes) notes.addRow([OFFICES[n.office] ?? n.office, n.difficulties, n.proposals]);
  notes.columns = [26, 60, 60].map((width) => ({
    width,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The indicator table as CSV (UTF-8 with BOM, so spreadsheet programs read the diacritics). */
export function reportCsv(report: QuarterlyReport): string {
  const quote = (v: unknown) => {
    const s = String(v ?? '');
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [REPORT_HEADERS, ...report.rows.map(rowCells)].map((cells) => cells.map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
