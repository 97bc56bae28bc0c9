// Long: one deployment of hub, two leaves and six services shared by the scenarios of a federated
// province (copy, cut link, read-only hub, isolation, stalled source, hub restart): starting it is ≈ 15 s.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  DEFAULT_STREAM_SETTINGS,
  EventStore,
  addCommuneSource,
  ensureEventStream,
  restartCommuneSource,
} from '@cnscd/event-store';
import {
  createTestDatabase,
  startCommuneLeaf,
  startNatsHub,
  startService,
  until,
  type RunningHub,
  type RunningLeaf,
  type RunningService,
  type TestDatabase,
} from '@cnscd/testing';
import { anOrganisation, startDeployment, type DeploymentUnderTest } from './deployment-under-test';
import { commitsPerCommand, registerAndConfirm } from './phones';
import type { Json } from './service-under-test';
import { seedVillages } from './villages';

jest.setTimeout(240_000);

const COMMUNE = '99001';
/** A second commune on its own leaf, with its villages and no services: the hub sources it too. */
const QUIET = '99002';
const STALL_MS = 3000;
/** The hub is a 3-node cluster here; the single-node hub's own behaviour: stream-sources.int.spec.ts. */
const HUB_NODES = 3;
const ORGS = [
  anOrganisation('village-team'),
  anOrganisation('culture-society-office'),
  anOrganisation('province-department'),
];

let hub: RunningHub;
let commune: DeploymentUnderTest<RunningLeaf>;
let quiet: RunningLeaf;
let quietNc: NatsConnection;
let hubNc: NatsConnection;
let provinceDb: TestDatabase;
let province: RunningService;
let confirmed = 0;

/** The province's indicators service: on the hub, projecting the hub's copy of every commune's stream. */
async function startProvinceIndicators(): Promise<RunningService> {
  provinceDb = await createTestDatabase('province');
  return startService({
    entry: 'services/indicators/src/main.ts',
    portVariable: 'INDICATORS_HTTP_PORT',
    readyTimeoutMs: 90_000,
    env: {
      NATS_URL: hub.url,
      NATS_USER: 'indicators',
      NATS_PASSWORD: hub.passwords['indicators']!,
      EVENT_STREAM_SOURCED: 'true',
      SOURCE_STALL_MS: String(STALL_MS),
      INDICATORS_DATABASE_URL: provinceDb.url,
    },
  });
}

/** The hub (one node or three), a commune's whole deployment on its leaf, a quiet commune, the province. */
async function startProvince(): Promise<void> {
  hub = await startNatsHub({ nodes: HUB_NODES });
  commune = await startDeployment(ORGS, { bus: () => startCommuneLeaf(hub, COMMUNE) });
  quiet = await startCommuneLeaf(hub, QUIET);
  quietNc = await connect(quiet.as('ops'));
  await ensureEventStream(quietNc);
  await seedVillages(await EventStore.create(quietNc), [QUIET]);
  hubNc = await connect({ ...hub.as('ops'), maxReconnectAttempts: -1, reconnectTimeWait: 250 });
  await addCommuneSource(hubNc, COMMUNE, { replicas: HUB_NODES });
  const added = await streamCommand('add-commune', QUIET, '--replicas', String(HUB_NODES));
  expect(added).toMatch(/Added commune 99002/);
  province = await startProvinceIndicators();
}

async function stopProvince(): Promise<void> {
  await province?.stop();
  await provinceDb?.drop();
  await hubNc?.close();
  await quietNc?.close();
  await quiet?.stop();
  await commune?.stop();
  await hub?.stop();
}

/**
 * `npm run stream -- …` on the hub, as an operator runs it; its output, once it succeeded. Not spawnSync:
 * the leaf links run through proxies in this process, which must go on forwarding meanwhile.
 */
async function streamCommand(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/stream.mjs', ...args], {
    cwd: resolve(__dirname, '../../..'),
    encoding: 'utf8',
    env: { ...process.env, NATS_URL: hub.url, NATS_USER: 'ops', NATS_PASSWORD: hub.passwords['ops'] },
  });
  return stdout;
}

const villageTeam = () => commune.keys['village-team']!;
const provinceKey = () => commune.keys['province-department']!;

async function get(
  service: RunningService,
  path: string,
  key: string,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Residents registered at the commune, each with a confirmed e-health record. */
async function recordAtCommune(residents: number): Promise<void> {
  for (let i = 0; i < residents; i++)
    await registerAndConfirm(commune.services.outreach.url, villageTeam(), 1000 + confirmed++);
}

/** The e-health records the province roll-up counts in a commune today. */
async function provinceCount(communeCode: string): Promise<number | undefined> {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // Vietnam's day
  const { status, body } = await get(province, `/v1/province/values?date=${today}`, provinceKey());
  if (status !== 200) throw new Error(`province values answered ${status}: ${JSON.stringify(body)}`);
  const row = (body['communes'] as Json[]).find((c) => c['commune'] === communeCode);
  const value = (row?.['values'] as Json[] | undefined)?.find((v) => v['indicator'] === 'e-health-record');
  return value?.['numerator'] as number | undefined;
}

const provinceCounts = (n: number) =>
  until(
    `the province counting ${n} e-health records in ${COMMUNE}`,
    async () => (await provinceCount(COMMUNE)) === n,
  );

const lastAtCommune = async () =>
  (await (await jetstreamManager(commune.nc)).streams.info(DEFAULT_STREAM_SETTINGS.streamName)).state
    .last_seq;

const sourceHealth = async (code: string) =>
  ((await get(province, '/health/ready', '')).body['sources'] as Record<string, Json> | undefined)?.[code];

/** Every command id of the commune's own stream, each in the hub's copy exactly once. */
async function hubHoldsTheCommuneOnce(): Promise<void> {
  const filter = { commune: COMMUNE };
  const [atCommune, atHub] = await Promise.all([
    commitsPerCommand(commune.nc, filter),
    commitsPerCommand(hubNc, filter),
  ]);
  expect(atHub.size).toBe(atCommune.size);
  for (const [commandId, positions] of atHub) {
    expect(atCommune.has(commandId)).toBe(true);
    expect(positions.size).toBe(1);
  }
}

describe('a province hub on a 3-node JetStream cluster that sources each commune’s stream from the commune’s own leaf server', () => {
  beforeAll(startProvince);
  afterAll(stopProvince);

  it('copies every commit of each commune once and serves the province roll-up from the copy', async () => {
    await recordAtCommune(3);
    await provinceCounts(3);
    expect(await provinceCount(QUIET)).toBe(0);
    await hubHoldsTheCommuneOnce();
    expect(JSON.parse(await streamCommand('sources'))).toEqual([
      {
        commune: COMMUNE,
        communeLast: await lastAtCommune(),
        hubLast: await lastAtCommune(),
        behind: 0,
        diverged: false,
      },
      {
        commune: QUIET,
        communeLast: expect.any(Number),
        hubLast: expect.any(Number),
        behind: 0,
        diverged: false,
      },
    ]);
    // The hub judges its sources every few seconds (LOOK_EVERY_MS): a look taken between the commune's
    // last append and its copy still says one behind until the next.
    await until(
      'the hub judging the commune caught up',
      async () => (await sourceHealth(COMMUNE))?.['behind'] === 0,
    );
    const { status, body } = await get(province, '/health/ready', '');
    expect(status).toBe(200);
    expect(body['sources']).toEqual({
      [COMMUNE]: { behind: 0, reachable: true, stalled: false, diverged: false },
      [QUIET]: { behind: 0, reachable: true, stalled: false, diverged: false },
    });
  });

  it('keeps the commune recording with its link cut, and the province catches up once it is back', async () => {
    await commune.nats.link.cut();
    await until(
      'the hub seeing the commune offline',
      async () => (await sourceHealth(COMMUNE))?.['reachable'] === false,
    );
    await recordAtCommune(3);
    // Was 5, not 3, while the leaf reconnected straight to the hub node it had joined (the test hub now
    // advertises a name that never resolves); if it comes back, the leaf's log says where it connected.
    const counted = await provinceCount(COMMUNE);
    if (counted !== 3)
      throw new Error(
        `The province counted ${counted} records of ${COMMUNE} while its link was cut, not 3. ` +
          `The leaf's log:\n${commune.nats.log()}`,
      );
    expect(await sourceHealth(COMMUNE)).toMatchObject({ stalled: false });

    await commune.nats.link.mend();
    await provinceCounts(6);
    await hubHoldsTheCommuneOnce();
    await until('the source current again', async () => (await sourceHealth(COMMUNE))?.['behind'] === 0);
  });

  it('refuses a write at the hub: a commune’s records are written at the commune', async () => {
    const res = await fetch(`${province.url}/v1/targets`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${commune.keys['culture-society-office']}`,
      },
      body: JSON.stringify({
        commandId: randomUUID(),
        occurredAt: new Date().toISOString(),
        indicator: 'vneid',
        villageCode: 'thon-1',
        year: 2026,
        value: 0.6,
        reason: 'Đặt tại tỉnh',
      }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Json)['code']).toBe('written-at-the-commune');
  });

  it('lets nothing published at the hub into a commune’s stream', async () => {
    const before = await lastAtCommune();
    const js = jetstream(hubNc, { timeout: 1000 });
    await expect(js.publish(`cnscd.evt.${COMMUNE}.outreach.resident.x`, '{}')).rejects.toThrow();
    expect(await lastAtCommune()).toBe(before);
  });

  it('raises the alarm when a source stops advancing, and clears it once the source is restarted', async () => {
    const jsm = await jetstreamManager(hubNc);
    const { config } = await jsm.streams.info(DEFAULT_STREAM_SETTINGS.streamName);
    // The source made to let nothing more through: from outside, a stalled source looks just like this.
    const stalled = config.sources!.map((s) =>
      s.external?.api === `$JS.c${COMMUNE}.API` ? { ...s, filter_subject: `cnscd.evt.${COMMUNE}.none.>` } : s,
    );
    await jsm.streams.update(config.name, { ...config, sources: stalled });
    await recordAtCommune(1);

    await until(
      'the stalled source alarmed',
      async () => (await sourceHealth(COMMUNE))?.['stalled'] === true,
    );
    const ready = await get(province, '/health/ready', '');
    expect(ready.status).toBe(503);
    expect(ready.body['status']).toBe('degraded');
    const metrics = await fetch(`${province.url}/metrics`, {
      headers: { authorization: `Bearer ${commune.keys['culture-society-office']}` },
    }).then((r) => r.text());
    // Every source metric an alarm of deploy/prometheus/alerts.yml names is exported here.
    const alarms = readFileSync(resolve(__dirname, '../../../deploy/prometheus/alerts.yml'), 'utf8');
    for (const metric of new Set(alarms.match(/cnscd_source_[a-z_]+/g)))
      expect(metrics).toMatch(new RegExp(`^${metric}\\{[^}]*commune="${QUIET}"`, 'm'));
    expect(metrics).toMatch(new RegExp(`cnscd_source_stalled\\{[^}]*commune="${COMMUNE}"[^}]*\\} 1`));
    expect(await sourceHealth(QUIET)).toMatchObject({ stalled: false });

    await jsm.streams.update(config.name, config);
    // On a clustered hub the remedy is the stream leader's step-down (stream-sources.int.spec: one node).
    expect(await streamCommand('restart-source', COMMUNE)).toMatch(/leader-stepped-down/);
    await provinceCounts(7);
    await until('the alarm cleared', async () => (await sourceHealth(COMMUNE))?.['stalled'] === false);
    await hubHoldsTheCommuneOnce();
  });

  it('catches up after the hub node leading its stream is killed and started again: by itself, or once an alarmed source is restarted', async () => {
    // The hub node that leads its stream.
    const node = await hub.leaderOf(DEFAULT_STREAM_SETTINGS.streamName);
    await node.crash();
    await recordAtCommune(1);
    await node.start();
    let restarted = false;
    await until('the province counting the commune’s record after the hub’s restart', async () => {
      if ((await provinceCount(COMMUNE)) === 8) return true;
      // nats-server #6206/#8630: a source may stay stalled after a restart; the alarm says so, ops restart it.
      if (!restarted && (await sourceHealth(COMMUNE))?.['stalled'] === true)
        restarted = !!(await restartCommuneSource(hubNc, COMMUNE));
      return false;
    });
    await until('the source current', async () => (await sourceHealth(COMMUNE))?.['behind'] === 0);
    // The restarted node may still be settling JetStream's leadership: asked again until it answers.
    await until('the hub holding each commit once', async () => (await hubHoldsTheCommuneOnce(), true));
    console.log(
      `${node.name} restarted: source ${restarted ? 'stalled and was restarted' : 'resumed by itself'}`,
    );
  });

  it('alarms when a commune’s stream is created again, and restarts no source of the clustered hub while it has', async () => {
    // The quiet commune's server lost its store: its stream starts again, empty, below the hub's copy.
    await quietNc.close();
    await quiet.stop();
    quiet = await startCommuneLeaf(hub, QUIET);
    quietNc = await connect(quiet.as('ops'));
    await ensureEventStream(quietNc);
    await until(
      'the hub alarming on the quiet commune',
      async () => (await sourceHealth(QUIET))?.['diverged'] === true,
    );
    const ready = await get(province, '/health/ready', '');
    expect([ready.status, ready.body['status']]).toEqual([503, 'degraded']);
    expect(await sourceHealth(QUIET)).toMatchObject({ stalled: false, reachable: true });
    // The step-down would restart the quiet commune's source too: refused, whichever commune is named.
    await expect(streamCommand('restart-source', COMMUNE)).rejects.toThrow(new RegExp(`${QUIET}.*diverged`));
  });
});
