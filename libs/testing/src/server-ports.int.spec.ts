import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ports from './free-ports';
import { freePorts } from './free-ports';
import { natsProcess, natsServerBinary } from './nats-server';

type FreePorts = typeof ports.freePorts;

/** `freePorts` of a fresh copy of the module, as a jest worker with this id loads it. */
function freePortsOfWorker(workerId: string): FreePorts {
  const before = process.env.JEST_WORKER_ID;
  process.env.JEST_WORKER_ID = workerId;
  try {
    let fresh: FreePorts | undefined;
    jest.isolateModules(() => {
      fresh = (require('./free-ports') as typeof ports).freePorts;
    });
    return fresh!;
  } finally {
    if (before === undefined) delete process.env.JEST_WORKER_ID;
    else process.env.JEST_WORKER_ID = before;
  }
}

const ephemeralFloor = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);

const listens = (port: number) =>
  new Promise<boolean>((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });

describe('free ports for test servers', () => {
  it('are distinct, free, and below the ephemeral range that listening on port 0 and connecting out draw from', async () => {
    const ports = await freePortsOfWorker('1')(50);

    expect(new Set(ports).size).toBe(50);
    expect(ports.every((p) => p < ephemeralFloor)).toBe(true);
    expect((await Promise.all(ports.map(listens))).every(Boolean)).toBe(true);
  });

  it('are never the same for two jest workers choosing at the same time', async () => {
    const [first, second] = await Promise.all([freePortsOfWorker('1')(400), freePortsOfWorker('2')(400)]);

    const shared = first.filter((p) => second.includes(p));
    expect(shared).toEqual([]);
  });
});

describe('a cluster node of the tests', () => {
  it('fails to start when its route port is taken, instead of running without routes', async () => {
    const [client, route] = (await freePorts(2)) as [number, number];
    const squatter = createServer();
    await new Promise<void>((done) => squatter.listen(route, '127.0.0.1', done));
    const store = mkdtempSync(join(tmpdir(), 'cnscd-nats-route-taken-'));
    const cluster = [
      '--cluster_name',
      'x',
      '--cluster',
      `nats://127.0.0.1:${route}`,
      '--routes',
      `nats://127.0.0.1:${route}`,
    ];
    const node = natsProcess(
      natsServerBinary(),
      ['-js', '-n', 'x-1', '-m', '-1', '-a', '127.0.0.1', '-p', String(client), '-sd', store, ...cluster],
      process.env,
      client,
    );
    try {
      await expect(node.launch()).rejects.toThrow(/address already in use/);
    } finally {
      await node.kill('SIGKILL');
      await new Promise((done) => squatter.close(done));
      rmSync(store, { recursive: true, force: true });
    }
  });
});
