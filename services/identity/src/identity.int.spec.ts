// Long: one real deployment (nats-server, PostgreSQL, the service as its own process) serves every
// scenario of this file; splitting it would start them again for each part and slow the suite.
import { describeRedelivery } from '@cnscd/service-testing';
import { createLocalJWKSet, jwtVerify } from 'jose';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, scopesOf } from '@cnscd/contracts';
import { command, startIdentity, type IdentityUnderTest } from './testing/identity-harness';

const COMMUNE = '99001';
const ADMIN_PASSWORD = 'mat-khau-quan-tri-1';
let id: IdentityUnderTest;

let clients = 0;
/** Each sign-in from its own client address (as the web app's proxy forwards it), unless one is given. */
const signIn = (
  username: string,
  password: string,
  commune = COMMUNE,
  from = `198.51.100.${++clients % 250}`,
) => id.call('POST', '/v1/sessions', undefined, { commune, username, password }, { 'x-forwarded-for': from });
const waitFor = async <T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  id = await startIdentity(
    {
      organisations: [
        { commune: COMMUNE, organisationId: 'ubnd-xa', kind: 'peoples-committee', name: 'UBND xã Demo' },
        { commune: COMMUNE, organisationId: 'agribank', kind: 'bank', name: 'Agribank chi nhánh' },
        { commune: '99002', organisationId: 'ubnd-xa', kind: 'peoples-committee', name: 'UBND xã Khác' },
      ],
      users: [
        {
          commune: COMMUNE,
          organisationId: 'ubnd-xa',
          username: 'quan.tri',
          role: 'administrator',
          passwordHash: await argon2.hash(ADMIN_PASSWORD),
        },
      ],
    },
    { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCKOUT_MINUTES: '1', SIGN_IN_PER_MINUTE: '10' },
  );
}, 60_000);
afterAll(() => id?.stop());

describe('signing in', () => {
  it('gives a bootstrap administrator a short-lived token signed with the published key', async () => {
    const res = await signIn('quan.tri', ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { organisationId: 'ubnd-xa', organisationKind: 'peoples-committee', role: 'administrator' },
    });
    // The app is told what the user may do, from the one permission model.
    expect(res.body.user.scopes).toEqual(scopesOf('peoples-committee', 'administrator'));
    expect(res.body.user.scopes).toContain('identity:members');
    const jwks = await id.call('GET', '/.well-known/jwks.json');
    const { payload } = await jwtVerify(res.body.accessToken, createLocalJWKSet(jwks.body), {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.sub).toBe(res.body.user.userId);
  });

  it('refuses a wrong password, and the same username in another commune', async () => {
    expect((await signIn('quan.tri', 'not-the-password')).status).toBe(401);
    expect((await signIn('quan.tri', ADMIN_PASSWORD, '99002')).status).toBe(401);
    expect((await signIn('quan.tri', ADMIN_PASSWORD)).status).toBe(200); // a success resets the count
  });

  it('locks the account after repeated failures, even against the right password', async () => {
    const admin = (await signIn('quan.tri', ADMIN_PASSWORD)).body.accessToken;
    await id.call('POST', '/v1/users', admin, {
      ...command(),
      organisationId: 'ubnd-xa',
      role: 'analyst',
      username: 'bi.khoa',
      password: 'mat-khau-dung-1',
    });
    for (let i = 0; i < 3; i++) expect((await signIn('bi.khoa', 'sai-mat-khau')).status).toBe(401);
    const locked = await signIn('bi.khoa', 'mat-khau-dung-1');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('account-locked');
  });

  it('counts a hundred wrong passwords sent at once as a hundred: the account locks, the right password then fails', async () => {
    const admin = (await signIn('quan.tri', ADMIN_PASSWORD)).body.accessToken;
    await id.call('POST', '/v1/users', admin, {
      ...command(),
      organisationId: 'ubnd-xa',
      role: 'analyst',
      username: 'bi.doan',
      password: 'mat-khau-dung-2',
    });
    const attempts = await Promise.all(Array.from({ length: 100 }, () => signIn('bi.doan', 'sai-mat-khau')));
    expect(attempts.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    const right = await signIn('bi.doan', 'mat-khau-dung-2');
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('account-locked');
  }, 60_000);

  it('tells who adds an existing username with another password or role what is recorded (409), not 200', async () => {
    const admin = (await signIn('quan.tri', ADMIN_PASSWORD)).body.accessToken;
    const user = {
      organisationId: 'ubnd-xa',
      role: 'analyst',
      username: 'da.co',
      password: 'mat-khau-dung-3',
    };
    expect((await id.call('POST', '/v1/users', admin, { ...command(), ...user })).status).toBe(201);
    expect((await id.call('POST', '/v1/users', admin, { ...command(), ...user })).status).toBe(200);
    const otherPassword = await id.call('POST', '/v1/users', admin, {
      ...command(),
      ...user,
      password: 'mat-khau-khac-4',
    });
    expect(otherPassword.status).toBe(409);
    expect(otherPassword.body).toMatchObject({ code: 'UserAddedDifferently', recorded: { role: 'analyst' } });
    expect(JSON.stringify(otherPassword.body)).not.toContain('mat-khau');
    const otherRole = await id.call('POST', '/v1/users', admin, {
      ...command(),
      ...user,
      role: 'field-member',
    });
    expect(otherRole.status).toBe(409);
    expect((await signIn('da.co', 'mat-khau-dung-3')).status).toBe(200);
  });

  it('limits sign-in attempts from one client address, whatever the accounts, saying when to retry', async () => {
    const from = '203.0.113.99';
    // The bucket holds ten and refills one every 6 s: attempts until the first refusal, at most twenty —
    // a fixed count failed on a loaded machine, where twelve wrong sign-ins outlasted a refill.
    const answers = [];
    for (let i = 0; i < 20 && answers.at(-1)?.status !== 429; i++)
      answers.push(await signIn(`khong.co.${i}`, 'sai-mat-khau', COMMUNE, from));
    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
    const throttled = answers.at(-1)!;
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('too-many-attempts');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not held back.
    expect((await signIn('quan.tri', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('rotates refresh tokens, and a reused one ends the whole sign-in', async () => {
    const first = (await signIn('quan.tri', ADMIN_PASSWORD)).body;
    const second = await id.call('POST', '/v1/sessions/refresh', undefined, {
      refreshToken: first.refreshToken,
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const replay = await id.call('POST', '/v1/sessions/refresh', undefined, {
      refreshToken: first.refreshToken,
    });
    expect(replay.status).toBe(401);
    const afterTheft = await id.call('POST', '/v1/sessions/refresh', undefined, {
      refreshToken: second.body.refreshToken,
    });
    expect(afterTheft.status).toBe(401);
  });
});

describe('managing people and keys', () => {
  let admin: string;
  beforeAll(async () => {
    admin = (await signIn('quan.tri', ADMIN_PASSWORD)).body.accessToken;
  });

  it('registers a village team and a member who can sign in but not manage anyone', async () => {
    const org = await id.call('POST', '/v1/organisations', admin, {
      ...command(),
      organisationId: 'to-thon-1',
      kind: 'village-team',
      name: 'Tổ CNSCĐ thôn 1',
      villageCode: 'thon-1',
    });
    expect(org.status).toBe(201);
    // A village the commune never registered is refused, as in every write that names one.
    const elsewhere = await id.call('POST', '/v1/organisations', admin, {
      ...command(),
      organisationId: 'to-thon-99',
      kind: 'village-team',
      name: 'Tổ CNSCĐ thôn 99',
      villageCode: 'thon-99',
    });
    expect(elsewhere.status).toBe(422);
    const user = await id.call('POST', '/v1/users', admin, {
      ...command(),
      organisationId: 'to-thon-1',
      role: 'field-member',
      username: 'nguyen.thi.lan',
      password: 'hoa-sen-xanh-2026',
    });
    expect(user.status).toBe(201);
    const lan = await signIn('nguyen.thi.lan', 'hoa-sen-xanh-2026');
    // The field app starts the team's people in their village.
    expect(lan.body.user).toMatchObject({
      organisationId: 'to-thon-1',
      role: 'field-member',
      villageCode: 'thon-1',
    });
    expect((await id.call('GET', '/v1/organisations', lan.body.accessToken)).status).toBe(403);
    expect((await id.call('GET', '/v1/organisations', admin)).body).toContainEqual({
      organisationId: 'to-thon-1',
      kind: 'village-team',
      name: 'Tổ CNSCĐ thôn 1',
      villageCode: 'thon-1',
    });
  });

  it('keeps usernames and passwords out of the event stream', async () => {
    const stream = JSON.stringify(await id.events());
    expect(stream).toContain('UserAdded');
    for (const secret of ['nguyen.thi.lan', 'hoa-sen-xanh-2026', ADMIN_PASSWORD, '$argon2id'])
      expect(stream).not.toContain(secret);
  });

  it('refuses a disabled user’s token at once', async () => {
    const lan = (await signIn('nguyen.thi.lan', 'hoa-sen-xanh-2026')).body;
    expect(
      (
        await id.call('POST', '/v1/users/passwords', lan.accessToken, {
          ...command(),
          userId: lan.user.userId,
          password: 'hoa-sen-do-2026',
          currentPassword: 'hoa-sen-xanh-2026',
        })
      ).status,
    ).toBe(200);
    const fresh = (await signIn('nguyen.thi.lan', 'hoa-sen-do-2026')).body;
    const off = await id.call('POST', '/v1/users/disablements', admin, {
      ...command(),
      userId: lan.user.userId,
      reason: 'Rời tổ',
    });
    expect(off.status).toBe(201);
    const res = await id.call('POST', '/v1/users/passwords', fresh.accessToken, {
      ...command(),
      userId: lan.user.userId,
      password: 'hoa-sen-tim-2026',
      currentPassword: 'hoa-sen-do-2026',
    });
    expect(res.status).toBe(401);
    expect(
      (await id.call('POST', '/v1/sessions/refresh', undefined, { refreshToken: fresh.refreshToken })).status,
    ).toBe(401);
  });

  it('issues a key shown once, rotates it with no grace, and revokes the new one', async () => {
    const issue = {
      ...command(),
      organisationId: 'ubnd-xa',
      keyId: crypto.randomUUID(),
      label: 'Cổng dịch vụ công',
      role: 'administrator',
    };
    const issued = await id.call('POST', '/v1/api-keys', admin, issue);
    expect(issued.status).toBe(201);
    const key: string = issued.body.apiKey;
    expect(key).toMatch(/^cnscd_/);
    const again = await id.call('POST', '/v1/api-keys', admin, issue);
    expect(again.status).toBe(200);
    expect(again.body.apiKey).toBeUndefined();
    expect((await id.call('GET', '/v1/organisations', key)).status).toBe(200);

    const rotated = await id.call('POST', '/v1/api-keys/rotations', admin, {
      ...command(),
      organisationId: 'ubnd-xa',
      keyId: issue.keyId,
      newKeyId: crypto.randomUUID(),
      graceMinutes: 0,
    });
    expect(rotated.status).toBe(201);
    expect(rotated.headers.get('preference-applied')).toBeNull();
    expect((await id.call('GET', '/v1/organisations', key)).status).toBe(401);
    expect((await id.call('GET', '/v1/organisations', rotated.body.apiKey)).status).toBe(200);

    await id.call('POST', '/v1/api-keys/revocations', admin, {
      ...command(),
      organisationId: 'ubnd-xa',
      keyId: rotated.body.keyId,
    });
    expect((await id.call('GET', '/v1/organisations', rotated.body.apiKey)).status).toBe(401);
  });

  it('answers a key issued with `Prefer: respond-async` as accepted (202), saying the preference was applied', async () => {
    const issued = await id.call(
      'POST',
      '/v1/api-keys',
      admin,
      {
        ...command(),
        organisationId: 'ubnd-xa',
        keyId: crypto.randomUUID(),
        label: 'Đối tác',
        role: 'administrator',
      },
      { prefer: 'respond-async' },
    );
    expect(issued.status).toBe(202);
    expect(issued.headers.get('preference-applied')).toBe('respond-async');
    expect(issued.body.apiKey).toMatch(/^cnscd_/);
  });

  it('refuses a key with more scopes than its role and kind allow', async () => {
    const res = await id.call('POST', '/v1/api-keys', admin, {
      ...command(),
      organisationId: 'agribank',
      keyId: crypto.randomUUID(),
      label: 'QR',
      role: 'partner-officer',
      scopes: ['merchants:onboarding', 'merchants:places'],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ScopeBeyondRole');
  });
});

describe('the audit trail', () => {
  it('answers who did what, accepted and refused, by actor and target', async () => {
    const admin = (await signIn('quan.tri', ADMIN_PASSWORD)).body;
    await id.call('POST', '/v1/organisations', admin.accessToken, {
      ...command(),
      organisationId: 'ubnd-xa',
      kind: 'bank',
      name: 'Sai loại',
    });
    const refused = await waitFor(async () => {
      const res = await id.call(
        'GET',
        `/v1/audit?outcome=refused&actor=${admin.user.userId}&target=ubnd-xa`,
        admin.accessToken,
      );
      return res.body.length ? res.body : undefined;
    });
    expect(refused[0]).toMatchObject({
      service: 'identity',
      action: 'register-organisation',
      target: 'ubnd-xa',
      status: 422,
      code: 'OrganisationKindDiffers',
      organisationId: 'ubnd-xa',
    });
    const accepted = await waitFor(async () => {
      const res = await id.call(
        'GET',
        `/v1/audit?outcome=accepted&target=organisation/to-thon-1`,
        admin.accessToken,
      );
      return res.body.length ? res.body : undefined;
    });
    expect(accepted[0]).toMatchObject({ action: 'OrganisationRegistered', actorId: admin.user.userId });
    const failedSignIns = await waitFor(async () => {
      const res = await id.call(
        'GET',
        `/v1/audit?outcome=refused&actor=${admin.user.userId}`,
        admin.accessToken,
      );
      const rows = res.body.filter((r: { reason: string }) => r.reason === 'wrong-password');
      return rows.length ? rows : undefined;
    });
    expect(failedSignIns[0]).toMatchObject({ reason: 'wrong-password', status: 401 });
  });

  it('is not readable without audit:read', async () => {
    const res = await id.call('GET', '/v1/audit', undefined);
    expect(res.status).toBe(401);
  });
});

describe('personal data', () => {
  const CCCD = '079203001234';

  it('refuses an ID-card number in every field a person types, and keeps it out of the stream, tables and log', async () => {
    const admin = (await signIn('quan.tri', ADMIN_PASSWORD)).body.accessToken;
    const attempts: [string, Record<string, unknown>][] = [
      ['/v1/organisations', { organisationId: CCCD, kind: 'school', name: 'Trường' }],
      ['/v1/organisations', { organisationId: 'truong-1', kind: 'school', name: `Trường ${CCCD}` }],
      [
        '/v1/users',
        { organisationId: 'ubnd-xa', role: 'analyst', username: CCCD, password: 'mat-khau-dai-1' },
      ],
      [
        '/v1/users',
        { organisationId: 'ubnd-xa', role: 'analyst', username: `lan${CCCD}`, password: 'mat-khau-dai-1' },
      ],
      [
        '/v1/api-keys',
        { organisationId: 'ubnd-xa', keyId: crypto.randomUUID(), label: `Khóa ${CCCD}`, role: 'analyst' },
      ],
      ['/v1/users/disablements', { userId: crypto.randomUUID(), reason: `CCCD ${CCCD}` }],
    ];
    for (const [path, body] of attempts) {
      const res = await id.call('POST', path, admin, { ...command(), ...body });
      expect([path, res.status]).toEqual([path, 400]);
      expect(JSON.stringify(res.body)).not.toContain(CCCD);
    }
    expect((await signIn(CCCD, 'whatever-password')).status).toBe(400);
    expect((await id.call('GET', `/v1/users?organisationId=${CCCD}`, admin)).status).toBe(400);
    await new Promise((r) => setTimeout(r, 500)); // let the refusals reach the audit table

    expect(JSON.stringify(await id.events())).not.toContain(CCCD);
    const client = new Client({ connectionString: id.db.url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = 'public'`,
      );
      expect(tables.map((t) => t.table_name)).toContain('audit_entries');
      for (const { table_name } of tables) {
        const { rows } = await client.query(`select * from "${table_name}"`);
        expect([table_name, JSON.stringify(rows)]).not.toEqual([table_name, expect.stringContaining(CCCD)]);
      }
    } finally {
      await client.end();
    }
    expect(id.service.logs()).not.toContain(CCCD);
  });
});

describeRedelivery(() => id);
