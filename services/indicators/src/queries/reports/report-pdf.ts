import { readFileSync } from 'node:fs';
import type PDFDocument from 'pdfkit';
import type { QuarterlyReport } from './quarterly-report';
import { reportLayout, type ReportLayout, type ReportTable } from './report-layout';

// DejaVu Serif: a free serif face with every Vietnamese letter, from npm (no system font needed).
const fontFile = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
const FONT_FILES = {
  regular: fontFile('DejaVuSerifCondensed'),
  bold: fontFile('DejaVuSerifCondensed-Bold'),
  italic: fontFile('DejaVuSerifCondensed-Italic'),
};
/** The fonts, read once on the first report (not at start-up, not per request). */
let fonts: Record<keyof typeof FONT_FILES, Buffer> | undefined;
const loadedFonts = () =>
  (fonts ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([face, file]) => [face, readFileSync(file)]),
  ) as Record<keyof typeof FONT_FILES, Buffer>);
type Face = keyof typeof FONT_FILES;
type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 36;
const PAD = 3;

/**
 * The quarterly report as a PDF (A4 landscape) from the same layout as the workbook: the form, the three
 * tables — each as wide as the page, its heading row repeated on every page — the recipients and the signer.
 */
export async function reportPdf(report: QuarterlyReport): Promise<Buffer> {
  const layout = reportLayout(report);
  // Loaded on the first PDF, not at start-up: ≈ 23 MiB the service would hold for nothing (issue 17).
  const { default: PDF } = await import('pdfkit');
  const doc = new PDF({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `${layout.kind} ${layout.summary}`, Author: layout.issuer.join(' '), Creator: 'cnscd' },
  });
  for (const [face, font] of Object.entries(loadedFonts())) doc.registerFont(face, font);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  form(doc, layout);
  for (const t of layout.tables) table(doc, t);
  closing(doc, layout);
  doc.end();
  return await done;
}

const width = (doc: Doc) => doc.page.width - 2 * MARGIN;

function text(
  doc: Doc,
  face: Face,
  size: number,
  s: string,
  x: number,
  y: number,
  w: number,
  align = 'center',
) {
  doc
    .font(face)
    .fontSize(size)
    .text(s, x, y, { width: w, align: align as 'center' });
}

/** Issuing body and national motto side by side, number and place-date under them, then type and summary. */
function form(doc: Doc, l: ReportLayout): void {
  const full = width(doc);
  const left = full * 0.4;
  const top = MARGIN;
  text(doc, 'regular', 12, l.issuer[0], MARGIN, top, left);
  text(doc, 'bold', 12, l.issuer[1], MARGIN, top + 15, left);
  text(doc, 'bold', 12, l.motto[0], MARGIN + left, top, full - left);
  text(doc, 'bold', 12, l.motto[1], MARGIN + left, top + 15, full - left);
  text(doc, 'regular', 12, l.number, MARGIN, top + 36, left);
  text(doc, 'italic', 12, l.placeAndDate, MARGIN + left, top + 36, full - left);
  text(doc, 'bold', 14, l.kind, MARGIN, top + 66, full);
  text(doc, 'bold', 12, l.summary, MARGIN, top + 84, full);
  text(doc, 'regular', 12, l.addressee, MARGIN, top + 102, full);
  text(doc, 'italic', 10.5, l.basis, MARGIN, top + 120, full);
  doc.y = top + 150;
}

/** A row of cells: each wrapped in its column, the row as tall as its tallest cell. */
function cellsHeight(doc: Doc, cells: readonly string[], widths: readonly number[], face: Face): number {
  doc.font(face).fontSize(9);
  return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
}

function drawRow(
  doc: Doc,
  cells: readonly string[],
  widths: readonly number[],
  face: Face,
  y: number,
  h: number,
) {
  let x = MARGIN;
  cells.forEach((c, i) => {
    doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
    doc
      .font(face)
      .fontSize(9)
      .text(c, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD, align: face === 'bold' ? 'center' : 'left' });
    x += widths[i]!;
  });
}

/** A section's title and its table, one page wide; a new page repeats the heading row. */
function table(doc: Doc, t: ReportTable): void {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * width(doc));
  const headings = t.columns.map((c) => c.heading);
  const headingHeight = cellsHeight(doc, headings, widths, 'bold');
  const bottom = () => doc.page.height - MARGIN - 14;
  if (doc.y + 20 + headingHeight + 20 > bottom()) doc.addPage();
  text(doc, 'bold', 11, t.title, MARGIN, doc.y + 8, width(doc), 'left');
  let y = doc.y + 4;
  drawRow(doc, headings, widths, 'bold', y, headingHeight);
  y += headingHeight;
  t.rows.forEach((row, i) => {
    const cells = row.map(String);
    const face: Face = t.totalRow && i === t.rows.length - 1 ? 'bold' : 'regular';
    const h = cellsHeight(doc, cells, widths, face);
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN;
      drawRow(doc, headings, widths, 'bold', y, headingHeight);
      y += headingHeight;
    }
    drawRow(doc, cells, widths, face, y, h);
    y += h;
  });
  doc.y = y + 6;
}

/** Nơi nhận on the left, the signer on the right, as Decree 30's template places them. */
function closing(doc: Doc, l: ReportLayout): void {
  const needed = 30 + 15 * Math.max(l.recipients.length + 1, l.signer.lines.length + 5);
  if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y + 14;
  const half = width(doc) / 2;
  text(doc, 'bold', 11, 'Nơi nhận:', MARGIN, top, half, 'left');
  l.recipients.forEach((r, i) => text(doc, 'regular', 10, r, MARGIN, top + 15 * (i + 1), half, 'left'));
  l.signer.lines.forEach((s, i) => text(doc, 'bold', 12, s, MARGIN + half, top + 15 * i, half));
  text(doc, 'bold', 12, l.signer.name, MARGIN + half, top + 15 * (l.signer.lines.length + 4), half);
}
