// The bus users of deploy/nats/permissions.conf with a fresh password each, for a NATS server that
// `npm start` runs: the server reads each password from the environment variable the file names,
// and parses its value as configuration, hence `passwordValue` (a quoted string).
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function busUsers(root) {
  const conf = readFileSync(join(root, 'deploy/nats/permissions.conf'), 'utf8');
  return [...conf.matchAll(/user: (\w+), password: \$(\w+)/g)].map((m) => ({
    user: m[1],
    passwordVariable: m[2],
    password: randomBytes(18).toString('hex'),
  }));
}

export const passwordValue = (user) => JSON.stringify(user.password);

/** Writes the users and passwords where a developer can find them (owner-only), for the `nats` CLI. */
export function writeBusUsers(file, users, url) {
  const body = Object.fromEntries(users.map((u) => [u.user, { url, user: u.user, password: u.password }]));
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
