import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SERVICE_NODE_OPTIONS } from '@cnscd/testing';

/**
 * `npm start`, `npm test` and `npm run bench` run on Node.js 24 LTS, installed into .tools/node/ when the
 * machine's is older, and start themselves again on it (decision 0016, scripts/ensure-node.mjs).
 */
const root = resolve(__dirname, '../../..');
const PROJECT_NODE = /PROJECT_NODE = '([\d.]+)'/.exec(
  readFileSync(join(root, 'scripts/ensure-node.mjs'), 'utf8'),
)![1]!;
const major = (version: string) => Number(version.split('.')[0]);

/** A preload that makes the Node.js it runs in report an older version, as Debian 12's would. */
const OLDER = `Object.defineProperty(process.versions, 'node', { value: '20.19.0' });`;
/** A script as the entry points begin: on the project's Node.js first, then its own work. */
const SCRIPT = `import { runOnProjectNode } from ${JSON.stringify(join(root, 'scripts/ensure-node.mjs'))};
await runOnProjectNode();
console.log(JSON.stringify({ pid: process.pid, path: process.env.PATH.split(':')[0] }));
process.exit(7);`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cnscd-node-'));
  writeFileSync(join(dir, 'older.cjs'), OLDER);
  writeFileSync(join(dir, 'entry.mjs'), SCRIPT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script on this Node.js made to look older; answers what the script printed, and the exit code. */
function runOnOlderNode(env: Record<string, string> = {}) {
  // As a script started from a shell: neither started again already nor told to keep this Node.js.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'CNSCD_ON_PROJECT_NODE' && k !== 'CNSCD_SYSTEM_NODE'),
  );
  const r = spawnSync(process.execPath, ['-r', join(dir, 'older.cjs'), join(dir, 'entry.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...inherited, ...env },
    timeout: 120_000,
  });
  const printed = JSON.parse(r.stdout.trim().split('\n').pop()!) as { pid: number; path: string };
  return { ...printed, outerPid: r.pid, status: r.status };
}

it('runs the test suite itself on the project Node.js (unless CNSCD_SYSTEM_NODE=1)', () => {
  const expected = process.env.CNSCD_SYSTEM_NODE === '1' ? 20 : major(PROJECT_NODE);
  expect(major(process.versions.node)).toBeGreaterThanOrEqual(expected);
});

it('starts a script found on an older Node.js again on the project one, and exits with its code', () => {
  const run = runOnOlderNode();
  expect(run.pid).not.toBe(run.outerPid);
  expect(run.path).toBe(dirname(join(root, '.tools/node/bin/node')));
  expect(run.status).toBe(7);
  expect(spawnSync(join(run.path, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(
    `v${PROJECT_NODE}`,
  );
});

it("keeps the machine's Node.js when told to", () => {
  const run = runOnOlderNode({ CNSCD_SYSTEM_NODE: '1' });
  expect(run.pid).toBe(run.outerPid);
  expect(run.status).toBe(7);
});

it('gives the services the same Node.js options from every launcher: npm start, the tests, the image', () => {
  const startAndBench = /SERVICE_NODE_OPTIONS = '([^']+)'/.exec(
    readFileSync(join(root, 'scripts/ensure-node.mjs'), 'utf8'),
  )![1];
  const image = /NODE_OPTIONS="([^"]+)"/.exec(
    readFileSync(join(root, 'deploy/containers/service.Dockerfile'), 'utf8'),
  )![1];

  expect(startAndBench).toBe(SERVICE_NODE_OPTIONS);
  expect(image).toBe(SERVICE_NODE_OPTIONS);
});
