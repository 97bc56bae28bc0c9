import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF page as a reader sees it: its size in points and its text, in reading order, spaces collapsed. */
export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly text: string;
}

// pdf.js is an ES module, which Jest's CommonJS runtime cannot import: it runs in a Node.js of its own,
// reading the PDF on stdin and answering the pages as JSON.
const READ_PAGES = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const [, , width, height] = page.view;
  const { items } = await page.getTextContent();
  const text = items.map((i) => (i.str ?? '') + (i.hasEOL ? ' ' : '')).join('').replace(/\\s+/g, ' ');
  pages.push({ width, height, text });
}
process.stdout.write(JSON.stringify(pages));
`;

/** Each page of a PDF, read with Mozilla's pdf.js (what a browser shows). */
export function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', READ_PAGES], {
      cwd: __dirname,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfPage[])
        : reject(new Error(`pdf.js could not read the PDF: ${Buffer.concat(err).toString('utf8')}`)),
    );
    child.stdin.end(Buffer.from(pdf));
  });
}

/**
 * One page of a PDF as a PNG picture, drawn by poppler's pdftoppm (CNSCD_PDFTOPPM, as `npm run
 * screenshots` finds or installs it): for the screenshots in docs/.
 */
export function pdfPageToPng(pdf: Uint8Array, page: number, file: string): void {
  const work = mkdtempSync(join(tmpdir(), 'cnscd-pdf-'));
  try {
    writeFileSync(join(work, 'document.pdf'), pdf);
    const n = String(page);
    execFileSync(process.env.CNSCD_PDFTOPPM ?? 'pdftoppm', [
      ...['-r', '80', '-png', '-singlefile', '-f', n, '-l', n],
      join(work, 'document.pdf'),
      join(work, 'page'),
    ]);
    copyFileSync(join(work, 'page.png'), file);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
