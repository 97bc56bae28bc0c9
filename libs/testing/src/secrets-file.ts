import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes an outreach secrets file: a master key and a resident-key secret per commune, all random. */
export function writeSecretsFile(communes: readonly string[]): string {
  const secret = () => randomBytes(32).toString('base64');
  const path = join(mkdtempSync(join(tmpdir(), 'cnscd-secrets-')), 'outreach-secrets.json');
  const file = {
    residentDataMasterKey: secret(),
    communes: Object.fromEntries(communes.map((c) => [c, { residentKeySecret: secret() }])),
  };
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}
