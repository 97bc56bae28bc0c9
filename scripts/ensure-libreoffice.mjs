// Finds LibreOffice for the report's print test (the quarterly report's workbook converted to PDF as an
// office would print it), installing Debian's `libreoffice-calc-nogui` when it is missing. The service
// itself never needs it: its PDF is drawn by pdfkit.
import { ensureDebianProgram } from './debian-install.mjs';

export const ensureLibreOffice = () =>
  ensureDebianProgram({
    what: 'the report’s print test',
    pkg: 'libreoffice-calc-nogui',
    candidates: ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'],
    env: 'CNSCD_SOFFICE',
  });

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureLibreOffice());
