import { serverUrl, startTcpProxy, type TcpProxy } from '@cnscd/testing';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';

/**
 * Every service whose PostgreSQL stops answering (the way to it cut: connections dropped, new ones
 * refused) stays up — a connection dropped while checked out from the pool once ended the process — and
 * answers what reads its database with 503 `database-unavailable` and `Retry-After` instead of a 500,
 * says it is down on /health/ready, and serves again once the database is back, without a restart.
 */
jest.setTimeout(180_000);

const OFFICE = anOrganisation('culture-society-office', 'administrator', 'office');
const ECONOMIC = anOrganisation('economic-office');

let proxy: TcpProxy;
let d: DeploymentUnderTest;
beforeAll(async () => {
  const pg = new URL(serverUrl());
  proxy = await startTcpProxy(pg.hostname, Number(pg.port || 5432));
  d = await startDeployment([OFFICE, ECONOMIC], {
    databaseUrl: (url) => {
      const through = new URL(url);
      through.hostname = '127.0.0.1';
      through.port = String(proxy.port);
      return through.toString();
    },
  });
}, 180_000);
afterAll(async () => {
  await d?.stop();
  await proxy?.stop();
}, 60_000);

const get = (service: (typeof SERVICE_NAMES)[number], path: string, key = 'office') =>
  fetch(`${d.services[service].url}${path}`, { headers: { authorization: `Bearer ${d.keys[key]}` } });
// Every service has its parked events in its own database; merchants' list is one of its read models.
const readsOfItsDatabase = () => [
  ...SERVICE_NAMES.map((s) => get(s, '/v1/admin/parked')),
  get('merchants', '/v1/merchants?village=thon-1', 'economic-office'),
];

it('answers 503 database-unavailable in every service while the database does not answer, and serves again once it does', async () => {
  const served = (await Promise.all(readsOfItsDatabase())).map((r) => r.status);
  expect(served).toEqual(served.map(() => 200));

  await proxy.cut();
  const refused = await Promise.all(readsOfItsDatabase());
  expect(refused.map((r) => r.status)).toEqual(refused.map(() => 503));
  for (const r of refused) expect(r.headers.get('retry-after')).toMatch(/^[3-7]$/);
  for (const r of refused) expect(await r.json()).toMatchObject({ code: 'database-unavailable' });
  for (const s of SERVICE_NAMES) {
    const ready = await fetch(`${d.services[s].url}/health/ready`);
    expect([s, ready.status]).toEqual([s, 503]);
  }

  await proxy.mend();
  let statuses: number[] = [];
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    statuses = (await Promise.all(readsOfItsDatabase())).map((r) => r.status);
    if (statuses.every((s) => s === 200)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(statuses).toEqual(statuses.map(() => 200));
});
