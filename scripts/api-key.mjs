#!/usr/bin/env node
// Makes a new API key for a partner organisation: prints the key once (give it to the organisation)
// and the entry to add to the API key file (only the hash is stored).
//   npm run api-key -- --id bank-agribank-1 --organisation agribank-di-linh --kind bank \
//     --role partner-officer --commune 99001 [--scopes merchants:onboarding,merchants:read]
// What the key may do follows from the kind and role (libs/contracts/src/access/permissions.ts);
// --scopes narrows it. The services check the entry when they load the file.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const usage =
  'npm run api-key -- --id <key id> --organisation <organisation id> --kind <organisation kind> \\\n' +
  '  --role <role> --commune <5-digit commune code> [--scopes <scope,scope>]';
if (process.argv.includes('--help')) {
  console.log(usage);
  process.exit(0);
}
const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    organisation: { type: 'string' },
    kind: { type: 'string' },
    role: { type: 'string' },
    commune: { type: 'string' },
    scopes: { type: 'string' },
  },
});
const missing = ['id', 'organisation', 'kind', 'role', 'commune'].filter((k) => !values[k]);
if (missing.length) {
  console.error(`Thiếu / missing: ${missing.map((m) => `--${m}`).join(' ')}\n${usage}`);
  process.exit(2);
}
if (!/^[0-9]{5}$/.test(values.commune)) {
  console.error('--commune: mã xã gồm 5 chữ số / a commune code is 5 digits');
  process.exit(2);
}
const key = `cnscd_${randomBytes(32).toString('base64url')}`;
const entry = {
  id: values.id,
  organisationId: values.organisation,
  organisationKind: values.kind,
  role: values.role,
  commune: values.commune,
  ...(values.scopes ? { scopes: values.scopes.split(',').map((s) => s.trim()) } : {}),
  sha256: createHash('sha256').update(key).digest('hex'),
};
console.log(
  `Khóa (chỉ hiện một lần) / key (shown once):\n  ${key}\n\nThêm vào tệp khóa / add to the key file ("keys": [...]):\n${JSON.stringify(entry, null, 2)}`,
);
