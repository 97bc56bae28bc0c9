import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBootstrapFile } from './bootstrap-schema';

const fileWith = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'cnscd-bootstrap-')), 'bootstrap.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const OFFICE = { commune: '99001', organisationId: 'ubnd-xa', kind: 'peoples-committee', name: 'UBND xã' };
/** A file registering the commune office, with one user (the office's administrator unless overridden). */
const withUser = (user: Record<string, string> = {}) =>
  fileWith({
    organisations: [OFFICE],
    users: [
      {
        commune: '99001',
        organisationId: 'ubnd-xa',
        username: 'quan.tri',
        role: 'administrator',
        passwordHash: HASH,
        ...user,
      },
    ],
  });

describe('the bootstrap file', () => {
  it('refuses a user of an organisation it does not register, naming the entry', () => {
    const path = withUser({ organisationId: 'to-thon-1', username: 'lan', role: 'team-leader' });
    expect(() => readBootstrapFile(path)).toThrow(
      /users\.0\.organisationId: organisation to-thon-1 of commune 99001 is not in "organisations"/,
    );
  });

  it('refuses a plain password where a hash belongs', () => {
    expect(() => readBootstrapFile(withUser({ passwordHash: 'secret' }))).toThrow(/users\.0\.passwordHash/);
  });

  it('reads a file whose people and keys all belong to its organisations', () => {
    expect(readBootstrapFile(withUser()).users).toHaveLength(1);
  });
});
