#!/usr/bin/env node
// Entries for the identity service's bootstrap file (IDENTITY_BOOTSTRAP_FILE): the first
// administrators and partner keys of a deployment, before anyone can sign in to make the rest.
//   npm run identity -- hash-password            (reads the password from stdin; prints an argon2id hash)
//   npm run identity -- api-key --organisation agribank-di-linh --role partner-officer --commune 99001 \
//     [--label "QR onboarding"] [--scopes merchants:onboarding,merchants:read]
// Once the service runs, make keys and users through its API instead (docs/operations.md).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import argon2 from 'argon2';

const usage = `npm run identity -- hash-password < password.txt
npm run identity -- api-key --organisation <organisation id> --role <role> --commune <5 digits> [--label <text>] [--scopes <a,b>]`;
const [command, ...rest] = process.argv.slice(2);

if (command === 'hash-password') {
  let password = '';
  for await (const chunk of process.stdin) password += chunk;
  password = password.replace(/\r?\n$/, '');
  if (password.length < 10) {
    console.error('Mật khẩu ít nhất 10 ký tự / at least 10 characters');
    process.exit(2);
  }
  console.log(await argon2.hash(password, { type: argon2.argon2id }));
} else if (command === 'api-key') {
  const { values } = parseArgs({
    args: rest,
    options: {
      organisation: { type: 'string' },
      role: { type: 'string' },
      commune: { type: 'string' },
      label: { type: 'string' },
      scopes: { type: 'string' },
    },
  });
  const missing = ['organisation', 'role', 'commune'].filter((k) => !values[k]);
  if (missing.length || !/^[0-9]{5}$/.test(values.commune ?? '')) {
    console.error(
      `Thiếu hoặc sai / missing or wrong: ${missing.map((m) => `--${m}`).join(' ') || '--commune'}\n${usage}`,
    );
    process.exit(2);
  }
  const key = `cnscd_${randomBytes(32).toString('base64url')}`;
  const entry = {
    commune: values.commune,
    organisationId: values.organisation,
    keyId: randomUUID(),
    label: values.label ?? values.organisation,
    role: values.role,
    ...(values.scopes ? { scopes: values.scopes.split(',').map((s) => s.trim()) } : {}),
    sha256: createHash('sha256').update(key).digest('hex'),
  };
  console.log(
    `Khóa (chỉ hiện một lần) / key (shown once):\n  ${key}\n\nThêm vào "apiKeys" của tệp khởi tạo / add to the bootstrap file's "apiKeys":\n${JSON.stringify(entry, null, 2)}`,
  );
} else {
  console.log(usage);
  process.exit(command === '--help' || command === undefined ? 0 : 2);
}
