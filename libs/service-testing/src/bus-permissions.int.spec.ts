import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureEventStream, DEFAULT_STREAM_SETTINGS } from '@cnscd/event-store';
import { AUDIT_STREAM } from '@cnscd/contracts';
import { ensureAuditStream } from '@cnscd/event-store';
import { startNatsServer, type RunningNats } from '@cnscd/testing';

/**
 * The bus permissions of deploy/nats/permissions.conf, enforced by a real nats-server: every bus user
 * against every kind of subject, allow or refuse for each cell.
 */
const SERVICES = ['identity', 'outreach', 'merchants', 'training', 'indicators'] as const;
const USERS = ['ops', ...SERVICES, 'partner'] as const;
type User = (typeof USERS)[number];
const STREAM = DEFAULT_STREAM_SETTINGS.streamName;

let nats: RunningNats;
const connections = new Map<User, NatsConnection>();
const as = (user: User) => connections.get(user)!;

beforeAll(async () => {
  nats = await startNatsServer();
  for (const user of USERS) connections.set(user, await connect(nats.as(user)));
  await ensureEventStream(as('ops'));
  await ensureAuditStream(as('ops'));
});
afterAll(async () => {
  for (const nc of connections.values()) await nc.close();
  await nats?.stop();
});

/** Resolves 'refused' when the server answers with a permissions violation, 'allowed' otherwise. */
async function outcome(attempt: () => Promise<unknown>): Promise<'allowed' | 'refused'> {
  try {
    await attempt();
    return 'allowed';
  } catch (err) {
    if (/Permissions Violation/i.test((err as Error).message)) return 'refused';
    // Reached the subject but nobody answered: the server let the message through.
    if (/no responders|503/i.test((err as Error).message)) return 'allowed';
    throw err;
  }
}

/** A subscription the server refuses is closed with the violation; one it accepts stays open. */
async function subscribeOutcome(nc: NatsConnection, subject: string): Promise<'allowed' | 'refused'> {
  const sub = nc.subscribe(subject);
  const closed = sub.closed.then((err) => (err ? 'refused' : 'allowed'));
  const settled = nc.flush().then(() => new Promise((r) => setTimeout(() => r('allowed'), 100)));
  const result = (await Promise.race([closed, settled])) as 'allowed' | 'refused';
  sub.unsubscribe();
  return result;
}

const verdict = (allowed: boolean) => (allowed ? 'allowed' : 'refused');
const cells = <T>(columns: readonly T[]) => USERS.flatMap((user) => columns.map((c) => [user, c] as const));

describe.each(cells(SERVICES))('%s appending %s events', (user, context) => {
  const expected = verdict(user === 'ops' || user === context);
  it(`is ${expected}`, async () => {
    const js = jetstream(as(user));
    expect(
      await outcome(() => js.publish(`cnscd.evt.99001.${context}.probe.${user}`, '{}', { timeout: 2000 })),
    ).toBe(expected);
  });
});

describe.each(cells(SERVICES))('%s recording a refusal of %s on the audit stream', (user, service) => {
  const expected = verdict(user === 'ops' || user === service);
  it(`is ${expected}`, async () => {
    const js = jetstream(as(user));
    expect(await outcome(() => js.publish(`cnscd.audit.99001.${service}`, '{}', { timeout: 2000 }))).toBe(
      expected,
    );
  });
});

describe.each(USERS.map((u) => [u]))('%s reading the audit stream', (user) => {
  const expected = verdict(user === 'ops' || user === 'identity');
  it(`is ${expected}`, async () => {
    expect(
      await outcome(async () => {
        const consumer = await jetstream(as(user)).consumers.get(AUDIT_STREAM);
        await consumer.info();
      }),
    ).toBe(expected);
  });
});

describe.each(cells(SERVICES.filter((s) => s !== 'identity')))(
  '%s sending a command to %s',
  (user, service) => {
    const expected = verdict(user === 'ops' || user === 'partner');
    it(`is ${expected}`, async () => {
      expect(
        await outcome(() => as(user).request(`cnscd.${service}.cmd.probe`, '{}', { timeout: 2000 })),
      ).toBe(expected);
    });
  },
);

describe.each(cells(SERVICES.filter((s) => s !== 'identity')))(
  '%s listening to the commands of %s',
  (user, service) => {
    const expected = verdict(user === 'ops' || user === service);
    it(`is ${expected}`, async () => {
      expect(await subscribeOutcome(as(user), `cnscd.${service}.cmd.*`)).toBe(expected);
    });
  },
);

describe.each(cells(SERVICES))('%s listening to the replies meant for %s', (user, service) => {
  const expected = verdict(user === 'ops' || user === service);
  it(`is ${expected}`, async () => {
    expect(await subscribeOutcome(as(user), `_INBOX_${service}.>`)).toBe(expected);
  });
});

describe.each(USERS.map((u) => [u]))('%s reading the event stream', (user) => {
  const expected = verdict(user !== 'partner');
  it(`is ${expected}`, async () => {
    expect(
      await outcome(async () => {
        const consumer = await jetstream(as(user)).consumers.get(STREAM);
        await consumer.info();
      }),
    ).toBe(expected);
  });
});

/**
 * Who reads a stream may publish on its ack subjects — not to acknowledge (every consumer is ordered,
 * with no acks) but so that nats-server, under `allow_responses`, does not keep each delivery's reply
 * subject as a permission to answer it for two minutes: memory that grew with every event delivered
 * (deploy/nats/permissions.conf). A delivery's reply subject is `$JS.ACK.<stream>.<consumer>.…`.
 */
const READERS: Record<string, (user: User) => boolean> = {
  [STREAM]: (user) => user !== 'partner',
  [AUDIT_STREAM]: (user) => user === 'ops' || user === 'identity',
};
describe.each(cells(Object.keys(READERS)))('%s publishing on the ack subjects of %s', (user, stream) => {
  const expected = verdict(READERS[stream]!(user));
  it(`is ${expected}`, async () => {
    // As nats-server sends them today, and with a domain and an account hash (`js_ack_fc_v2`).
    for (const ack of [
      `$JS.ACK.${stream}.probe.1.1.1.1700000000000000000.0`,
      `$JS.ACK._.accounthash.${stream}.probe.1.1.1.1700000000000000000.0.token`,
    ])
      expect(await outcome(() => as(user).request(ack, '', { timeout: 2000 }))).toBe(expected);
  });
});

describe.each(USERS.filter((u) => u !== 'ops').map((u) => [u]))('%s changing the stream', (user) => {
  it('is refused: update, purge and delete', async () => {
    const jsm = await jetstreamManager(as('ops'));
    const config = (await jsm.streams.info(STREAM)).config;
    const theirs = await outcome(async () => {
      const mgr = await jetstreamManager(as(user), { checkAPI: false });
      await mgr.streams.update(STREAM, { ...config, duplicate_window: 1_000_000_000 });
    });
    expect(theirs).toBe('refused');
    const mgr = await jetstreamManager(as(user), { checkAPI: false });
    expect(await outcome(() => mgr.streams.purge(STREAM))).toBe('refused');
    expect(await outcome(() => mgr.streams.delete(STREAM))).toBe('refused');
    expect((await jsm.streams.info(STREAM)).config.duplicate_window).toBe(config.duplicate_window);
  });
});

it('refuses a connection with a wrong password', async () => {
  await expect(connect({ ...nats.as('merchants'), pass: 'wrong' })).rejects.toThrow(/Authorization/);
});

describe('changing the event stream’s settings', () => {
  const stream = (user: User, ...args: string[]) =>
    spawnSync(process.execPath, ['scripts/stream.mjs', ...args], {
      cwd: resolve(__dirname, '../../..'),
      encoding: 'utf8',
      env: { ...process.env, NATS_URL: nats.url, NATS_USER: user, NATS_PASSWORD: nats.passwords[user] },
    });
  const duplicateWindowMs = async () =>
    (await (await jetstreamManager(as('ops'))).streams.info(STREAM)).config.duplicate_window / 1e6;

  it('is an ops command: npm run stream -- configure changes the duplicate window with the ops credentials', async () => {
    const r = stream('ops', 'configure', '--duplicate-window-ms', '120000');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      stream: STREAM,
      duplicateWindowMs: 120000,
      denyPurge: true,
    });
    expect(await duplicateWindowMs()).toBe(120000);
  });

  it('is refused to a service’s bus user, which changes nothing', async () => {
    const before = await duplicateWindowMs();
    const r = stream('outreach', 'configure', '--duplicate-window-ms', '5000');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ops/);
    expect(await duplicateWindowMs()).toBe(before);
  });

  it('leaves a service starting on an existing stream alone, reporting how it differs', async () => {
    const before = await duplicateWindowMs();
    const result = await ensureEventStream(as('outreach'), { ...DEFAULT_STREAM_SETTINGS, replicas: 3 });
    expect(result).toEqual({ created: false, differences: ['replicas 1, wanted 3'] });
    expect(await duplicateWindowMs()).toBe(before);
  });

  it('refuses a value outside its range before connecting', () => {
    const r = stream('ops', 'configure', '--duplicate-window-ms', '10');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1000/);
  });
});
