// Long: the access matrix is one table of every route and the scope it needs, written by hand on
// purpose (a matrix derived from the code could not fail), checked against one running deployment.
import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ORGANISATION_KINDS, ROLE_NAMES, scopesOf, type Scope } from '@cnscd/contracts';
import type { TestOrganisation } from '@cnscd/testing';
import {
  SERVICE_NAMES,
  mappedRoutes,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';

/**
 * The authorisation matrix: every kind of credential against every HTTP endpoint of every service and
 * every NATS command subject, allow or refuse for each cell, on the whole deployment running as its
 * own processes. What each endpoint needs is written here, independently of the code that enforces
 * it; what each credential may do comes from the permission model (`scopesOf`).
 */
type Need = 'public' | 'authenticated' | Scope | readonly Scope[];

const HTTP: Record<string, Need> = {
  'identity GET /.well-known/jwks.json': 'public',
  'identity POST /v1/sessions': 'public',
  'identity POST /v1/sessions/refresh': 'public',
  'identity POST /v1/sessions/sign-out': 'public',
  'identity GET /v1/organisations': 'identity:members',
  'identity POST /v1/organisations': 'identity:organisations',
  'identity GET /v1/users': 'identity:members',
  'identity POST /v1/users': 'identity:members',
  'identity POST /v1/users/roles': 'identity:members',
  'identity POST /v1/users/disablements': 'identity:members',
  'identity POST /v1/users/enablements': 'identity:members',
  'identity POST /v1/users/passwords': 'authenticated',
  'identity GET /v1/api-keys': 'identity:members',
  'identity POST /v1/api-keys': 'identity:members',
  'identity POST /v1/api-keys/rotations': 'identity:members',
  'identity POST /v1/api-keys/revocations': 'identity:members',
  'identity GET /v1/audit': 'audit:read',

  'outreach POST /v1/visits': 'outreach:visits:write',
  'outreach GET /v1/visits': 'outreach:visits:read',
  'outreach GET /v1/visits/:visitId': 'outreach:visits:read',
  'outreach POST /v1/households': 'outreach:residents:write',
  'outreach GET /v1/households/:householdId': 'outreach:residents:read',
  'outreach POST /v1/residents': 'outreach:residents:write',
  'outreach GET /v1/residents': 'outreach:residents:read',
  'outreach GET /v1/residents/:residentKey': 'outreach:residents:read',
  'outreach POST /v1/residents/lookup': ['outreach:residents:read', 'outreach:adoptions:write'],
  'outreach POST /v1/residents/consents': 'outreach:residents:write',
  'outreach POST /v1/residents/personal-details': 'outreach:residents:write',
  'outreach POST /v1/residents/moves': 'outreach:residents:write',
  'outreach POST /v1/residents/erasures': 'outreach:residents:erase',
  'outreach POST /v1/adoptions/confirmations': 'outreach:adoptions:write',
  'outreach POST /v1/adoptions/retractions': 'outreach:adoptions:write',
  'outreach GET /v1/worklist': 'outreach:residents:read',
  'outreach POST /v1/imports/:kind': 'outreach:imports',
  'outreach POST /v1/batch': 'authenticated',
  'outreach GET /v1/adoption-policy': 'authenticated',

  'merchants POST /v1/merchants': 'merchants:write',
  'merchants GET /v1/merchants': 'merchants:read',
  'merchants GET /v1/merchants/:merchantId': 'merchants:read',
  'merchants POST /v1/merchants/moves': 'merchants:write',
  'merchants POST /v1/merchants/closures': 'merchants:write',
  'merchants POST /v1/merchants/reopenings': 'merchants:write',
  'merchants POST /v1/onboarding/steps': 'merchants:onboarding',
  'merchants POST /v1/onboarding/verifications': 'merchants:onboarding',
  'merchants POST /v1/onboarding/withdrawals': 'merchants:onboarding',
  'merchants GET /v1/onboarding/orphans': 'merchants:read',
  'merchants POST /v1/streets': 'merchants:places',
  'merchants POST /v1/markets': 'merchants:places',
  'merchants POST /v1/markets/fee-collection': 'merchants:places',
  'merchants GET /v1/places': 'merchants:read',
  'merchants POST /v1/designations': 'merchants:places',
  'merchants POST /v1/designations/revocations': 'merchants:places',
  'merchants GET /v1/cashless-criteria': 'merchants:read',
  'merchants POST /v1/cashless-criteria': 'merchants:places',
  'merchants POST /v1/ocop/products': 'merchants:write',
  'merchants GET /v1/ocop/products': 'merchants:read',
  'merchants POST /v1/ocop/listings': 'merchants:write',
  'merchants POST /v1/ocop/delistings': 'merchants:write',
  'merchants POST /v1/imports/merchants': 'merchants:imports',
  'merchants POST /v1/batch': 'authenticated',

  'training POST /v1/teams': 'training:teams',
  'training GET /v1/teams': 'training:read',
  'training GET /v1/teams/quiet': 'training:read',
  'training GET /v1/teams/:teamId': 'training:read',
  'training GET /v1/teams/:teamId/reports': 'training:read',
  'training POST /v1/teams/members': 'training:teams',
  'training POST /v1/teams/members/departures': 'training:teams',
  'training POST /v1/teams/leaders': 'training:teams',
  'training POST /v1/teams/zalo-group-names': 'training:write',
  'training POST /v1/teams/reports': 'training:reports',
  'training GET /v1/members/:memberId/contact': 'training:contacts',
  'training POST /v1/members/:memberId/contact': 'training:teams',
  'training DELETE /v1/members/:memberId/contact': 'training:teams',
  'training POST /v1/activities': 'training:write',
  'training POST /v1/sessions': 'training:write',
  'training GET /v1/summary': 'training:read',
  'training POST /v1/batch': 'authenticated',

  'indicators GET /v1/indicators': 'indicators:read',
  'indicators GET /v1/values': 'indicators:read',
  'indicators GET /v1/series': 'indicators:read',
  'indicators GET /v1/province/values': 'indicators:province',
  'indicators POST /v1/config/counted-stages': 'indicators:configure',
  'indicators POST /v1/targets': 'indicators:configure',
  'indicators GET /v1/villages': 'authenticated',
  'indicators POST /v1/villages': 'indicators:configure',
  'indicators POST /v1/villages/renames': 'indicators:configure',
  'indicators POST /v1/villages/retirements': 'indicators:configure',
  'indicators POST /v1/denominators': 'indicators:denominators',
  'indicators POST /v1/reports/notes': 'indicators:reports',
  'indicators POST /v1/reports/submissions': 'indicators:reports',
  'indicators GET /v1/reports': 'indicators:read',
  'indicators GET /v1/reports/:reportId': 'indicators:read',
  'indicators GET /v1/reports/:reportId.csv': 'indicators:read',
  'indicators GET /v1/reports/:reportId.xlsx': 'indicators:read',
  'indicators GET /v1/reports/:reportId.pdf': 'indicators:read',
  'indicators GET /v1/province/reports': 'indicators:province',
  'indicators GET /v1/province/reports/:commune/:reportId': 'indicators:province',
  'indicators GET /v1/province/reports/:commune/:reportId.pdf': 'indicators:province',
  'indicators GET /v1/province/reports/:commune/:reportId.xlsx': 'indicators:province',
  'indicators POST /v1/province/reports/returns': 'indicators:review',
  'indicators POST /v1/province/reports/acceptances': 'indicators:review',
  'indicators POST /v1/admin/rebuilds': 'indicators:admin',
  'indicators GET /v1/admin/rebuilds/current': 'indicators:admin',
  'indicators POST /v1/batch': 'authenticated',
};
// Every service: health is public, metrics, freshness and parked events are for operations.
for (const service of SERVICE_NAMES) {
  HTTP[`${service} GET /health/live`] = 'public';
  HTTP[`${service} GET /health/ready`] = 'public';
  HTTP[`${service} GET /metrics`] = 'ops:read';
  HTTP[`${service} GET /v1/freshness`] = 'ops:read';
  HTTP[`${service} GET /v1/admin/parked`] = 'ops:read';
  HTTP[`${service} POST /v1/admin/parked/replay`] = 'ops:repair';
  HTTP[`${service} POST /v1/admin/parked/dismiss`] = 'ops:repair';
  // Analysts export the events of every service but identity's (keys, users: not for export).
  if (service !== 'identity') HTTP[`${service} GET /v1/events`] = 'events:export';
}

const NATS: Record<string, Scope> = {
  'outreach log-visit': 'outreach:visits:write',
  'outreach register-household': 'outreach:residents:write',
  'outreach register-resident': 'outreach:residents:write',
  'outreach change-consent': 'outreach:residents:write',
  'outreach move-resident': 'outreach:residents:write',
  'outreach erase-resident': 'outreach:residents:erase',
  'outreach confirm-adoption': 'outreach:adoptions:write',
  'outreach retract-adoption': 'outreach:adoptions:write',
  'merchants register-merchant': 'merchants:write',
  'merchants move-merchant': 'merchants:write',
  'merchants close-merchant': 'merchants:write',
  'merchants reopen-merchant': 'merchants:write',
  'merchants add-ocop-product': 'merchants:write',
  'merchants list-ocop-product': 'merchants:write',
  'merchants delist-ocop-product': 'merchants:write',
  'merchants record-onboarding-step': 'merchants:onboarding',
  'merchants verify-qr-code': 'merchants:onboarding',
  'merchants withdraw-qr-code': 'merchants:onboarding',
  'merchants register-street': 'merchants:places',
  'merchants register-market': 'merchants:places',
  'merchants record-fee-collection': 'merchants:places',
  'merchants designate-place': 'merchants:places',
  'merchants revoke-designation': 'merchants:places',
  'merchants set-cashless-criteria': 'merchants:places',
  'training register-team': 'training:teams',
  'training add-member': 'training:teams',
  'training remove-member': 'training:teams',
  'training appoint-leader': 'training:teams',
  'training record-zalo-group-name': 'training:write',
  'training record-activity': 'training:write',
  'training record-session': 'training:write',
  'training submit-team-report': 'training:reports',
  'indicators set-counted-stage': 'indicators:configure',
  'indicators estimate-denominator': 'indicators:denominators',
  'indicators set-target': 'indicators:configure',
  'indicators register-village': 'indicators:configure',
  'indicators rename-village': 'indicators:configure',
  'indicators retire-village': 'indicators:configure',
  'indicators record-report-notes': 'indicators:reports',
  'indicators submit-quarterly-report': 'indicators:reports',
};

const COMMUNE = '99001';
/** One organisation of every kind, with one key and one user of every role. */
const MEMBERS: TestOrganisation[] = ORGANISATION_KINDS.flatMap((kind) =>
  ROLE_NAMES.map((role) => ({
    id: `${kind}/${role}`,
    organisationId: kind,
    organisationKind: kind,
    role,
    commune: COMMUNE,
  })),
);
const SPOILED: TestOrganisation[] = [
  {
    id: 'revoked',
    organisationId: 'spoiled',
    organisationKind: 'culture-society-office',
    role: 'administrator',
    commune: COMMUNE,
  },
  {
    id: 'disabled',
    organisationId: 'spoiled',
    organisationKind: 'culture-society-office',
    role: 'administrator',
    commune: COMMUNE,
  },
  {
    id: 'elsewhere',
    organisationId: 'vhxh',
    organisationKind: 'culture-society-office',
    role: 'administrator',
    commune: '99002',
  },
  {
    id: 'here',
    organisationId: 'vhxh',
    organisationKind: 'culture-society-office',
    role: 'administrator',
    commune: COMMUNE,
  },
];

interface Credential {
  readonly name: string;
  readonly value?: string;
  /** The scopes it should carry; null for a credential every service must refuse. */
  readonly scopes: readonly string[] | null;
}

let d: DeploymentUnderTest;
let partner: NatsConnection;
const credentials: Credential[] = [];

beforeAll(async () => {
  d = await startDeployment([...MEMBERS, ...SPOILED]);
  partner = await connect(d.nats.as('partner'));
  for (const m of MEMBERS) {
    const scopes = scopesOf(m.organisationKind, m.role);
    credentials.push({ name: `key of ${m.id}`, value: d.keys[m.id]!, scopes });
    credentials.push({ name: `token of ${m.id}`, value: await d.tokenFor(m.id), scopes });
  }
  await d.revokeKey('revoked');
  await d.disableUser('disabled');
  const past = new Date(Date.now() - 3600_000);
  credentials.push(
    { name: 'no credential', scopes: null },
    { name: 'a made-up key', value: 'cnscd_not-a-key-anybody-was-given-0000000000', scopes: null },
    { name: 'a revoked key', value: d.keys['revoked']!, scopes: null },
    {
      name: 'an expired token',
      value: await d.tokenFor('here', { now: past, expiresIn: 900 }),
      scopes: null,
    },
    { name: 'a forged token', value: await d.forgedTokenFor('here'), scopes: null },
    { name: 'the token of a disabled user', value: await d.tokenFor('disabled'), scopes: null },
    { name: 'a token with its payload altered', value: tamper(await d.tokenFor('here')), scopes: null },
  );
}, 180_000);
afterAll(async () => {
  await partner?.close();
  await d?.stop();
}, 60_000);

/** The same token with `role` raised in its payload: the signature no longer matches. */
function tamper(token: string): string {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  return [h, Buffer.from(JSON.stringify({ ...payload, sub: randomUUID() })).toString('base64url'), s].join(
    '.',
  );
}

const mayPass = (need: Need, c: Credential): boolean => {
  if (need === 'public') return true;
  if (c.scopes === null) return false;
  if (need === 'authenticated') return true;
  const anyOf: readonly string[] = typeof need === 'string' ? [need] : need;
  return anyOf.some((s) => c.scopes!.includes(s));
};
/** 401 or 403: refused at the door. Anything else (200, 400 for the empty body, 404, 422): let through. */
const verdict = (status: number) => (status === 401 || status === 403 ? 'refused' : 'allowed');
const expected = (allowed: boolean) => (allowed ? 'allowed' : 'refused');

async function inParallel<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

it('lists every route every service maps, so none escapes the matrix', () => {
  const mapped = SERVICE_NAMES.flatMap((s) => mappedRoutes(d.services[s]).map((r) => `${s} ${r}`)).sort();
  expect(mapped).toEqual(Object.keys(HTTP).sort());
});

describe.each(Object.entries(HTTP))('%s', (route, need) => {
  it(`answers each credential as its kind and role allow (${typeof need === 'string' ? need : need.join(' or ')})`, async () => {
    const [service, method, path] = route.split(' ') as [(typeof SERVICE_NAMES)[number], string, string];
    const url = d.services[service].url + path.replace(/:(\w+)/g, () => randomUUID());
    const wrong = await inParallel(credentials, 16, async (c) => {
      const res = await fetch(url, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(c.value ? { authorization: `Bearer ${c.value}` } : {}),
        },
        ...(method === 'GET' ? {} : { body: '{}' }),
      });
      await res.arrayBuffer();
      const got = verdict(res.status);
      return got === expected(mayPass(need, c)) ? null : `${c.name}: ${got} (${res.status})`;
    });
    expect(wrong.filter(Boolean)).toEqual([]);
  });
});

describe.each(Object.entries(NATS))('NATS cnscd.<service>.cmd.<kind>: %s', (command, scope) => {
  it(`answers each credential as its kind and role allow (${scope})`, async () => {
    const [service, kind] = command.split(' ');
    const wrong = await inParallel(credentials, 16, async (c) => {
      const h = natsHeaders();
      if (c.value) h.set('Authorization', `Bearer ${c.value}`);
      const reply = await partner.request(`cnscd.${service}.cmd.${kind}`, '{}', {
        timeout: 5000,
        headers: h,
      });
      const status: number = (reply.json() as { err?: { status: number } }).err?.status ?? 200;
      const got = verdict(status);
      return got === expected(mayPass(scope, c)) ? null : `${c.name}: ${got} (${status})`;
    });
    expect(wrong.filter(Boolean)).toEqual([]);
  });
});

describe('across communes', () => {
  it('never shows one commune’s records to another commune’s credential, whatever its rights', async () => {
    const visit = {
      commandId: randomUUID(),
      occurredAt: '2026-03-02T08:30:00+07:00',
      villageCode: 'thon-1',
      householdId: randomUUID(),
      topics: ['vneid'],
      residentsGuided: [],
    };
    const outreach = d.services.outreach.url;
    const post = await fetch(`${outreach}/v1/visits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys['here']}` },
      body: JSON.stringify(visit),
    });
    expect(post.status).toBe(201);
    const { visitId } = (await post.json()) as { visitId: string };
    const read = (key: string, path: string) =>
      fetch(`${outreach}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await read(d.keys['here']!, `/v1/visits/${visitId}`)).status).toBe(200);
    expect((await read(d.keys['elsewhere']!, `/v1/visits/${visitId}`)).status).toBe(404);
    const list = (await (await read(d.keys['elsewhere']!, '/v1/visits?village=thon-1')).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });
});

describe('the audit trail across services', () => {
  it('records a refusal in one service where the identity service’s auditors can query it', async () => {
    const province = 'province-department/administrator';
    const res = await fetch(`${d.services.merchants.url}/v1/streets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${d.keys[province]}` },
      body: '{}',
    });
    expect(res.status).toBe(403);
    const query = `/v1/audit?outcome=refused&service=merchants&actor=${d.keyIds[province]}&target=/v1/streets`;
    const deadline = Date.now() + 10_000;
    let entries: { action: string; code: string; reason: string; organisationId: string }[] = [];
    while (entries.length === 0 && Date.now() < deadline) {
      const audit = await fetch(`${d.services.identity.url}${query}`, {
        headers: { authorization: `Bearer ${d.keys['here']}` },
      });
      entries = (await audit.json()) as typeof entries;
      if (entries.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(entries[0]).toMatchObject({
      action: 'POST /v1/streets',
      code: 'forbidden',
      reason: 'merchants:places',
      organisationId: 'province-department',
    });
  });
});

describe('with the identity service down', () => {
  it('goes on accepting the tokens and keys already issued', async () => {
    await d.services.identity.stop();
    const token = await d.tokenFor('village-team/field-member');
    const res = await fetch(`${d.services.outreach.url}/v1/visits?village=thon-1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const withKey = await fetch(`${d.services.training.url}/v1/teams`, {
      headers: { authorization: `Bearer ${d.keys['village-team/team-leader']}` },
    });
    expect(withKey.status).toBe(200);
  });
});
