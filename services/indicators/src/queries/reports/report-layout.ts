import { INDICATORS } from '@cnscd/contracts';
import { ROMAN } from './quarters';
import type { QuarterlyReport, ReportRow } from './quarterly-report';

/**
 * The quarterly report as a document, laid out once and printed twice (XLSX and PDF, docs/api.md): the
 * administrative form of Decree 30/2020/NĐ-CP above (issuing body, national motto, number and symbol,
 * place and date, type and summary, addressee), three tables, then the recipients and the signer. Every
 * word the office files is here, so the workbook and the PDF cannot say different things.
 */
export interface ReportLayout {
  readonly issuer: readonly [string, string];
  readonly motto: readonly [string, string];
  readonly number: string;
  readonly placeAndDate: string;
  readonly kind: string;
  readonly summary: string;
  readonly addressee: string;
  readonly basis: string;
  readonly tables: readonly ReportTable[];
  readonly recipients: readonly string[];
  /** The authority and position lines, then the name; blanks on a draft. */
  readonly signer: { readonly lines: readonly string[]; readonly name: string };
}

export interface ReportTable {
  readonly title: string;
  /** Each column's heading and relative width (spreadsheet character widths). */
  readonly columns: readonly { readonly heading: string; readonly width: number }[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** The last row sums the others (printed bold). */
  readonly totalRow?: true;
}

const OFFICES: Record<string, string> = {
  'culture-society-office': 'Phòng Văn hóa – Xã hội',
  'economic-office': 'Phòng Kinh tế',
};
const KIND = new Map<string, string>(INDICATORS.map((d) => [d.id, d.kind]));
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
/** The commune, or the village by its name on the report date (its code if never registered). */
const place = (row: { village: string; villageName: string | null }) =>
  row.village === '*' ? 'Toàn xã' : (row.villageName ?? row.village);
/** Shares as percentages with a decimal comma, the Vietnamese way; counts (streets, markets) as counts. */
export const shown = (r: Pick<ReportRow, 'indicator'>, v: number | null) =>
  v === null
    ? ''
    : KIND.get(r.indicator) === 'count'
      ? String(v)
      : `${(v * 100).toFixed(1).replace('.', ',')}%`;
const metText = (met: boolean | null) => (met === null ? '–' : met ? 'Đạt' : 'Chưa đạt');

export const INDICATOR_COLUMNS = [
  { heading: 'STT', width: 6 },
  { heading: 'Chỉ tiêu', width: 50 },
  { heading: 'Thôn', width: 14 },
  { heading: 'Tử số', width: 8 },
  { heading: 'Mẫu số', width: 9 },
  { heading: 'Giá trị tại ngày báo cáo', width: 11 },
  { heading: 'Thay đổi trong quý', width: 10 },
  { heading: 'Mục tiêu năm báo cáo', width: 10 },
  { heading: 'Còn thiếu so với mục tiêu năm', width: 11 },
  { heading: 'Mục tiêu 2025', width: 9 },
  { heading: 'Đạt mục tiêu 2025', width: 9 },
  { heading: 'Mục tiêu 2030', width: 9 },
  { heading: 'Đạt mục tiêu 2030', width: 9 },
] as const;

export const indicatorCells = (r: ReportRow, i: number): (string | number)[] => [
  i + 1,
  `${r.no}. ${r.name}`,
  place(r),
  r.numerator,
  r.missing === 'estimate' ? 'Chưa có số dân ước tính' : (r.denominator ?? ''),
  shown(r, r.value),
  shown(r, r.change),
  shown(r, r.target),
  shown(r, r.gap),
  shown(r, r.targets[2025]),
  metText(r.met[2025]),
  shown(r, r.targets[2030]),
  metText(r.met[2030]),
];

const WORK_COLUMNS = [
  ['Thôn', 16],
  ['Số tổ', 7],
  ['Số thành viên', 10],
  ['Lượt thăm hộ', 10],
  ['Hoạt động tuyên truyền', 12],
  ['Người được tiếp cận', 12],
  ['Buổi tập huấn', 10],
  ['Trong đó: tập huấn hạt nhân', 12],
  ['Người dự tập huấn', 11],
] as const;
const WORK_FIGURES = [
  'teams',
  'members',
  'visits',
  'activities',
  'peopleReached',
  'sessions',
  'coreSpreaderSessions',
  'attendance',
] as const;

export function title(report: QuarterlyReport): string {
  return `Kết quả hoạt động của Tổ Công nghệ số cộng đồng quý ${ROMAN[report.quarter.quarter - 1]} năm ${report.quarter.year}`;
}

/** The report laid out as the commune's People's Committee files it. */
export function reportLayout(report: QuarterlyReport): ReportLayout {
  const commune = report.communeName ?? report.commune;
  const { document: doc } = report;
  const day = doc.issuedOn;
  const work = report.work.map((w) => [place(w), ...WORK_FIGURES.map((f) => w[f])]);
  const totals = WORK_FIGURES.map((f) => report.work.reduce((sum, w) => sum + w[f], 0));
  return {
    issuer: ['ỦY BAN NHÂN DÂN', `XÃ ${commune.toUpperCase()}`],
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc'],
    number: `Số: ${doc.number ?? '……'}/BC-UBND`,
    placeAndDate: day
      ? `${commune}, ngày ${day.slice(8, 10)} tháng ${day.slice(5, 7)} năm ${day.slice(0, 4)}`
      : `${commune}, ngày …… tháng …… năm ${report.quarter.year}`,
    kind: 'BÁO CÁO',
    summary: title(report),
    addressee: 'Kính gửi: Sở Khoa học và Công nghệ',
    basis:
      `Số liệu tính đến hết ngày ${dmy(report.reportDate)}, theo những gì hệ thống ghi nhận đến thời điểm ` +
      `${report.version !== null ? 'nộp' : 'lập'} báo cáo; hạn nộp trước ngày ${dmy(report.quarter.deadline)}.`,
    tables: [
      {
        title: 'I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
        columns: INDICATOR_COLUMNS,
        rows: report.rows.map(indicatorCells),
      },
      {
        title: 'II. TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG VÀ HOẠT ĐỘNG TRONG QUÝ',
        columns: WORK_COLUMNS.map(([heading, width]) => ({ heading, width })),
        rows: [...work, ['Toàn xã', ...totals]],
        totalRow: true,
      },
      {
        title: 'III. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ',
        columns: [
          { heading: 'Đơn vị', width: 22 },
          { heading: 'Khó khăn, vướng mắc', width: 60 },
          { heading: 'Đề xuất, kiến nghị', width: 60 },
        ],
        rows: report.notes.length
          ? report.notes.map((n) => [OFFICES[n.office] ?? n.office, n.difficulties, n.proposals])
          : [['', 'Các phòng chưa ghi ý kiến.', '']],
      },
    ],
    recipients: doc.recipients.map((r, i) => `- ${r}${i === doc.recipients.length - 1 ? '.' : ';'}`),
    signer: doc.signer
      ? {
          lines: [doc.signer.authority.toUpperCase(), doc.signer.position.toUpperCase()],
          name: doc.signer.name,
        }
      : { lines: ['TM. ỦY BAN NHÂN DÂN', '(Ký, đóng dấu)'], name: '' },
  };
}
