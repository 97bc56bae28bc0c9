import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NATS_SERVER_GOGC, startNatsServer } from './nats-server';

/**
 * nats-server runs with Go's collector target at `NATS_SERVER_GOGC` (decision 0023): the heap grows 25%
 * past what the last collection kept instead of 100%, which took the write-path benchmark's nats-server
 * from 252 to 169 MiB for the same CPU. Every launcher sets it; an operator's `GOGC` wins.
 */
const root = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
/** A process's `GOGC`, as its environment was when it started. */
const gogcOf = (pid: number) =>
  /(?:^|\0)GOGC=([^\0]*)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1];

async function gogcOfAStartedServer(): Promise<string | undefined> {
  const nats = await startNatsServer();
  try {
    return gogcOf(nats.pid());
  } finally {
    await nats.stop();
  }
}

const inheritedGogc = process.env.GOGC;
afterEach(() => {
  if (inheritedGogc === undefined) delete process.env.GOGC;
  else process.env.GOGC = inheritedGogc;
});

it('starts the tests’ nats-server with Go’s collector at the launchers’ target', async () => {
  delete process.env.GOGC;
  expect(await gogcOfAStartedServer()).toBe(NATS_SERVER_GOGC);
});

it('lets a GOGC already in the environment win', async () => {
  process.env.GOGC = '60';
  expect(await gogcOfAStartedServer()).toBe('60');
});

it('gives nats-server the same target from every launcher: npm start, the tests, the compose files', () => {
  const startAndBench = /NATS_SERVER_GOGC = '(\d+)'/.exec(read('scripts/ensure-nats-server.mjs'))![1];
  expect(startAndBench).toBe(NATS_SERVER_GOGC);
  expect(read('scripts/start.mjs')).toContain('GOGC: process.env.GOGC ?? NATS_SERVER_GOGC');
  for (const compose of ['docker-compose.yml', 'deploy/compose/province-hub.yml'])
    expect(/GOGC: \$\{GOGC:-(\d+)\}/.exec(read(compose))?.[1]).toBe(NATS_SERVER_GOGC);
});
