import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';

/** A free port on the loopback interface. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}

/**
 * Where the test servers' ports come from: below the system's ephemeral range (32768–60999 on Linux).
 * A port freed inside that range can be taken, before the server meant for it binds it, by anything
 * that listens on port 0 or connects out — in a full run a nats-server's random monitoring port took a
 * route port of the province hub (2026-12-04), and the hub never formed. Below the range only a port
 * chosen by number is taken. Each jest worker (or other process) has a block of its own and walks it in
 * order, so two workers never choose the same port and one reuses a port only after its block is spent.
 */
const PORT_FLOOR = 12_000;
const PORT_BLOCK = 2_000;
const PORT_OWNER = Number(process.env.JEST_WORKER_ID ?? process.pid);
let nextInBlock = -1;

/** The first port of the system's ephemeral range, read once. */
const EPHEMERAL_FLOOR = ((): number => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32_768; // not Linux: IANA's dynamic range starts higher, so this stays below it
  }
})();
const BLOCKS = Math.floor((EPHEMERAL_FLOOR - PORT_FLOOR) / PORT_BLOCK);

/** The next candidate port of this process's block, or 0 (any port) where there is no room below the range. */
function nextCandidate(): number {
  if (!(BLOCKS > 0)) return 0;
  const base = PORT_FLOOR + (PORT_OWNER % BLOCKS) * PORT_BLOCK;
  if (nextInBlock < 0) nextInBlock = Math.floor(Math.random() * PORT_BLOCK);
  nextInBlock = (nextInBlock + 1) % PORT_BLOCK;
  return base + nextInBlock;
}

/** Listens on `port` (0: any) on the loopback interface; the server, or undefined if the port is taken. */
function holdPort(port: number): Promise<Server | undefined> {
  return new Promise((resolveHeld) => {
    const srv = createServer();
    srv.once('error', () => resolveHeld(undefined));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolveHeld(srv));
  });
}

/** `count` distinct free ports: all held open at once while they are chosen, so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  for (let tries = 0; held.length < count; tries++) {
    if (tries > PORT_BLOCK + count) throw new Error(`No ${count} free ports below the ephemeral range`);
    const srv = await holdPort(nextCandidate());
    if (srv) held.push(srv);
  }
  const ports = held.map((srv) => (srv.address() as AddressInfo).port);
  await Promise.all(held.map((srv) => new Promise((done) => srv.close(done))));
  return ports;
}
