import { createTestDatabase, startTcpProxy, type TcpProxy, type TestDatabase } from '@cnscd/testing';
import { anOrganisation } from './deployment-under-test';
import { startServiceUnderTest, type ServiceUnderTest } from './service-under-test';

/**
 * A service whose PostgreSQL stops answering (the way to it cut: connections dropped, new ones refused)
 * stays up — a connection dropped while checked out once ended the process — and answers its reads with 503 `database-unavailable` and `Retry-After` — try again, nothing is wrong with
 * the request — instead of a 500, says it is down on /health/ready, and serves again once the database
 * is back, without a restart.
 */
jest.setTimeout(120_000);

const OFFICE = anOrganisation('economic-office');

let db: TestDatabase;
let proxy: TcpProxy;
let h: ServiceUnderTest;
beforeAll(async () => {
  db = await createTestDatabase('merchants_away');
  const url = new URL(db.url);
  proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  h = await startServiceUnderTest({
    name: 'merchants',
    organisations: [OFFICE],
    env: { MERCHANTS_DATABASE_URL: url.toString() },
  });
}, 180_000);
afterAll(async () => {
  await h?.stop();
  await proxy?.stop();
  await db?.drop();
}, 60_000);

const listMerchants = () => h.call('GET', '/v1/merchants?village=thon-1', h.keys['economic-office']);

it('answers 503 database-unavailable while its database does not answer, and serves again once it does', async () => {
  expect((await listMerchants()).status).toBe(200);

  await proxy.cut();
  const refused = await listMerchants();
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(await refused.json()).toMatchObject({ code: 'database-unavailable' });
  expect((await h.call('GET', '/health/ready')).status).toBe(503);

  await proxy.mend();
  let status = 0;
  for (const deadline = Date.now() + 15_000; status !== 200 && Date.now() < deadline;) {
    status = (await listMerchants()).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 200));
  }
  expect(status).toBe(200);
});
