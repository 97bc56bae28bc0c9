import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** LibreOffice's `soffice`, as scripts/ensure-libreoffice.mjs found or installed it. */
async function soffice(): Promise<string> {
  if (process.env.CNSCD_SOFFICE) return process.env.CNSCD_SOFFICE;
  const { stdout } = await run(process.execPath, [join(repoRoot, 'scripts/ensure-libreoffice.mjs')]);
  return (process.env.CNSCD_SOFFICE = stdout.trim());
}

/**
 * A document converted to PDF by LibreOffice headless, as an office prints it: its own profile in a
 * temporary folder, so parallel tests and a desktop session do not share one.
 */
export async function convertToPdf(document: Uint8Array, extension: string): Promise<Buffer> {
  const work = mkdtempSync(join(tmpdir(), 'cnscd-soffice-'));
  try {
    const input = join(work, `document.${extension}`);
    writeFileSync(input, document);
    await run(
      await soffice(),
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(work, 'profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        input,
      ],
      { timeout: 120_000 },
    );
    return readFileSync(join(work, 'document.pdf'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
