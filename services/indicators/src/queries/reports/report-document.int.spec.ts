import { INDICATORS } from '@cnscd/contracts';
import { join, resolve } from 'node:path';
import { convertToPdf, pdfPages, pdfPageToPng, type PdfPage } from '@cnscd/testing';
import type { QuarterlyReport } from './quarterly-report';
import { reportXlsx } from './report-export';
import { reportPdf } from './report-pdf';
import { quarterOf } from './quarters';

/** `npm run screenshots` keeps the printed pages in docs/screenshots. */
const screenshots =
  process.env.CNSCD_SCREENSHOTS === '1' ? resolve(__dirname, '../../../../../docs/screenshots') : null;

// Long tables: a commune of 20 villages, every indicator for each and for the commune (189 rows).
const VILLAGES = Array.from({ length: 20 }, (_, i) => `thon-${String(i + 1).padStart(2, '0')}`);

function sampleReport(): QuarterlyReport {
  const places = [
    { village: '*', villageName: null },
    ...VILLAGES.map((v, i) => ({ village: v, villageName: `Thôn Đắk ${i + 1}` })),
  ];
  return {
    reportId: '2026-Q1',
    commune: '99001',
    communeName: 'Đạ Huoai',
    quarter: quarterOf('2026-Q1'),
    status: 'submitted',
    version: 1,
    versions: [
      { version: 1, reportDate: '2026-03-16', submittedAt: '2026-03-16T03:00:00.000Z', review: null },
    ],
    review: null,
    reportDate: '2026-03-16',
    knownAt: '2026-03-16T03:00:00.000Z',
    document: {
      number: '27',
      issuedOn: '2026-03-16',
      signer: { authority: 'KT. Chủ tịch', position: 'Phó Chủ tịch', name: 'Nguyễn Thị Lan' },
      recipients: ['Sở Khoa học và Công nghệ tỉnh Lâm Đồng', 'Lưu: VT, VH-XH'],
    },
    rows: INDICATORS.flatMap((def) =>
      places.map(({ village, villageName }, i) => {
        const count = def.kind === 'count';
        const value = count ? i % 3 : 0.5 + (i % 5) / 10;
        return {
          indicator: def.id,
          no: def.no,
          name: def.vi,
          village,
          villageName,
          numerator: count ? value : 40 + i,
          denominator: count ? null : 80,
          value,
          valueAtStart: value,
          change: 0,
          target: def.targets[2025],
          gap: def.targets[2025] - value,
          targets: def.targets,
          met: { 2025: value >= def.targets[2025], 2030: value >= def.targets[2030] },
          missing: null,
        };
      }),
    ),
    work: VILLAGES.map((village, i) => ({
      village,
      villageName: `Thôn Đắk ${i + 1}`,
      teams: 1,
      members: 5 + (i % 4),
      visits: 30 + i,
      activities: 2,
      peopleReached: 120,
      sessions: 1,
      coreSpreaderSessions: i % 2,
      attendance: 25,
    })),
    notes: [
      {
        office: 'culture-society-office',
        difficulties:
          'Nhiều hộ ở vùng sâu chưa có điện thoại thông minh; sóng di động yếu ở ba thôn. '.repeat(3),
        proposals: 'Đề nghị Sở hỗ trợ điện thoại mẫu và tập huấn cho tổ trưởng các thôn. '.repeat(3),
      },
      {
        office: 'economic-office',
        difficulties: 'Hộ kinh doanh ngại phí.',
        proposals: 'Miễn phí mã QR năm đầu.',
      },
    ],
  };
}

/** Every page that shows `row` (a table's row) also shows `first` and `last`: the table is whole across. */
const wholeAcross = (pages: readonly PdfPage[], row: string | RegExp, first: string, last: string) => {
  const showing = pages.filter((p) => (typeof row === 'string' ? p.text.includes(row) : row.test(p.text)));
  return showing.length > 0 && showing.every((p) => p.text.includes(first) && p.text.includes(last));
};
/** A page with an indicator's row: one of the plan's indicators by its number and name. */
const INDICATOR_ROW = new RegExp(INDICATORS.map((d) => `${d.no}\\. ${d.vi.slice(0, 12)}`).join('|'));

describe('the quarterly report as a document', () => {
  it('prints its workbook on A4 landscape, one page wide, headings on every page (LibreOffice)', async () => {
    const pdf = await convertToPdf(await reportXlsx(sampleReport()), 'xlsx');
    const pages = await pdfPages(pdf);
    if (screenshots) pdfPageToPng(pdf, 1, join(screenshots, 'report-xlsx-printed-first-page.png'));
    expect(pages.every((p) => p.width > p.height && Math.round(p.width) === 842)).toBe(true);
    // 189 indicator rows on a few pages, the teams' work on one, the notes and signature on one.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(12);
    expect(pages[0]!.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pages[0]!.text).toContain('Độc lập – Tự do – Hạnh phúc');
    expect(pages[0]!.text).toContain('Số: 27/BC-UBND');
    expect(pages[0]!.text).toContain('Đạ Huoai, ngày 16 tháng 03 năm 2026');
    const indicatorPages = pages.filter((p) => p.text.includes('Thôn Đắk'));
    expect(indicatorPages.length).toBeGreaterThan(2);
    expect(wholeAcross(pages, INDICATOR_ROW, 'STT', 'Đạt mục tiêu 2030')).toBe(true);
    expect(pages.filter((p) => p.text.includes('STT')).length).toBeGreaterThan(1);
    expect(wholeAcross(pages, 'Toàn xã 20', 'Số tổ', 'Người dự tập huấn')).toBe(true);
    expect(wholeAcross(pages, 'Hộ kinh doanh ngại phí', 'Đơn vị', 'Đề xuất, kiến nghị')).toBe(true);
    expect(pages.at(-1)!.text).toContain('Nơi nhận:');
    expect(pages.at(-1)!.text).toContain('Nguyễn Thị Lan');
  });

  it('draws the same report as a PDF with the form, every table and the signer', async () => {
    const pdf = await reportPdf(sampleReport());
    const pages = await pdfPages(pdf);
    if (screenshots) {
      pdfPageToPng(pdf, 1, join(screenshots, 'report-pdf-first-page.png'));
      pdfPageToPng(pdf, pages.length, join(screenshots, 'report-pdf-last-page.png'));
    }
    expect(pages.every((p) => Math.round(p.width) === 842 && Math.round(p.height) === 595)).toBe(true);
    const first = pages[0]!.text;
    for (const line of [
      'ỦY BAN NHÂN DÂN',
      'XÃ ĐẠ HUOAI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập – Tự do – Hạnh phúc',
      'Số: 27/BC-UBND',
      'Đạ Huoai, ngày 16 tháng 03 năm 2026',
      'BÁO CÁO',
      'Kết quả hoạt động của Tổ Công nghệ số cộng đồng quý I năm 2026',
      'Kính gửi: Sở Khoa học và Công nghệ',
      'Số liệu tính đến hết ngày 16/03/2026',
      '1. Cài đặt, sử dụng định danh điện tử VNeID mức 2',
    ])
      expect(first).toContain(line);
    expect(wholeAcross(pages, INDICATOR_ROW, 'STT', 'Đạt mục tiêu 2030')).toBe(true);
    expect(wholeAcross(pages, 'Toàn xã 20', 'Số tổ', 'Người dự tập huấn')).toBe(true);
    const all = pages.map((p) => p.text).join(' ');
    expect(all).toContain('8b. Chợ thanh toán không dùng tiền mặt');
    expect(all).toContain('90,0%'); // VNeID's 2025 target, as a share
    expect(all).toContain('Chưa đạt');
    expect(all).toContain('Đề nghị Sở hỗ trợ điện thoại mẫu');
    const last = pages.at(-1)!.text;
    expect(last).toContain('Nơi nhận:');
    expect(last).toContain('- Sở Khoa học và Công nghệ tỉnh Lâm Đồng;');
    expect(last).toContain('KT. CHỦ TỊCH PHÓ CHỦ TỊCH');
    expect(last).toContain('Nguyễn Thị Lan');
  });
});
