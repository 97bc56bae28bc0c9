import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrganisationKind, Role, Scope } from '@cnscd/contracts';

/** A test key: its scopes are the permission model's for its kind and role, or the fewer it names. */
export interface TestOrganisation {
  readonly id: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly role: Role;
  readonly commune: string;
  readonly scopes?: readonly Scope[];
}

/** Writes an API key file (hashes only, as services expect) and returns it with each plaintext key. */
export function writeApiKeyFile(organisations: readonly TestOrganisation[]): {
  path: string;
  keys: Record<string, string>;
} {
  const keys: Record<string, string> = {};
  const entries = organisations.map((o) => {
    const key = `cnscd_test_${randomBytes(24).toString('base64url')}`;
    keys[o.id] = key;
    return { ...o, sha256: createHash('sha256').update(key).digest('hex') };
  });
  const path = join(mkdtempSync(join(tmpdir(), 'cnscd-keys-')), 'api-keys.json');
  writeFileSync(path, JSON.stringify({ keys: entries }, null, 2));
  return { path, keys };
}

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
