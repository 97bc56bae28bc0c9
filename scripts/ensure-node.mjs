#!/usr/bin/env node
// The Node.js every script, test and service runs on: 24 LTS (docs/decisions/0016-node-24.md). A machine
// whose own Node.js is older (Debian 12's, say: 20, past its end of life) gets the official build from
// the npm registry, package `node-<platform>-<arch>`, unpacked into .tools/node/ — nothing is changed
// system-wide. `npm start`, `npm test`, `npm run bench` and `npm run screenshots` start again on it
// (`runOnProjectNode`), with its folder first on PATH so that npx, jest and the services run on it too.
// `CNSCD_SYSTEM_NODE=1` keeps the machine's Node.js (≥ 20.19 works; slower, see the decision). When the
// install fails, the script stops and says so: the suite runs on this Node.js, nothing silently on another.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The release the scripts install; a Node.js of the same major or newer on the machine is used as is. */
export const PROJECT_NODE = '24.22.3';
const MAJOR = Number(PROJECT_NODE.split('.')[0]);
const toolsDir = join(root, '.tools', 'node');
const platform = process.platform === 'win32' ? 'win' : process.platform;
const localBinary = join(toolsDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
/**
 * Node.js options for every service and benchmark process (`NODE_OPTIONS`; also in libs/testing's
 * service-process.ts and the container image, kept equal by project-node.int.spec.ts): V8's young
 * generation 2 × 16 MiB, as Node.js 20 had. Node.js 24 sizes it from the machine's memory (2 × 64 MiB on
 * 24 GiB): ≈ 100 MiB more RSS per busy service (decision 0016).
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=16';
const onProjectNode = () => Number(process.versions.node.split('.')[0]) >= MAJOR;
/**
 * V8 flags for the benchmarks' own processes, as every service sets them as it starts: the compiler's
 * finished jobs freed at once (libs/service-kit/src/service/compile-jobs.ts). Node.js 20's V8
 * (`CNSCD_SYSTEM_NODE=1`) has no such flag and would refuse to start with it.
 */
export const AS_THE_SERVICES = onProjectNode() ? ['--no-maglev-destroy-on-background'] : [];
/** Set in the environment of a script started again on the project's Node.js. */
const RESTARTED = 'CNSCD_ON_PROJECT_NODE';

const versionOf = (binary) => {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().replace(/^v/, '') : null;
};

/**
 * The path of a Node.js ≥ PROJECT_NODE's major: this process's own, or the one in .tools/node/
 * (installed if missing). Throws, saying what to do, when it cannot be installed (no registry, no build
 * for this platform): the suite is run on that Node.js, so nothing carries on silently on another.
 */
export function ensureNode({ log = console.error } = {}) {
  if (onProjectNode()) return process.execPath;
  if (existsSync(localBinary) && versionOf(localBinary) === PROJECT_NODE) return localBinary;
  const pkg = `node-${platform}-${process.arch}@${PROJECT_NODE}`;
  log(
    `cnscd: Node.js ${process.versions.node} here; installing ${pkg} from the npm registry into .tools/node (≈ 50 MB, once) …`,
  );
  // Unpacked beside its place, so that moving it there is a rename on the same file system.
  mkdirSync(dirname(toolsDir), { recursive: true });
  const work = mkdtempSync(join(dirname(toolsDir), 'node-'));
  try {
    // npm checks the tarball against the registry's integrity hash.
    const packed = spawnSync('npm', ['pack', pkg, '--pack-destination', work, '--json', '--silent'], {
      cwd: work,
      encoding: 'utf8',
    });
    if (packed.error) throw packed.error; // npm not found
    if (packed.status !== 0) throw new Error(packed.stderr.trim() || `npm pack exited ${packed.status}`);
    const [{ filename }] = JSON.parse(packed.stdout);
    const untar = spawnSync('tar', ['xzf', join(work, filename), '-C', work], { encoding: 'utf8' });
    if (untar.error) throw untar.error;
    if (untar.status !== 0) throw new Error(untar.stderr.trim() || `tar exited ${untar.status}`);
    rmSync(toolsDir, { recursive: true, force: true });
    renameSync(join(work, 'package'), toolsDir);
    const v = versionOf(localBinary);
    if (v !== PROJECT_NODE) throw new Error(`the unpacked binary reports ${v ?? 'no version'}`);
    log(`cnscd: Node.js ${v} ready at ${localBinary}`);
    return localBinary;
  } catch (err) {
    throw new Error(
      `cnscd: could not install Node.js ${PROJECT_NODE} into .tools/node (${err.message}). Install Node.js ` +
        `${MAJOR} or newer, or run on this one (${process.versions.node}, not what the tests run on) with ` +
        `CNSCD_SYSTEM_NODE=1. / Không cài được Node.js ${PROJECT_NODE}: hãy cài Node.js ${MAJOR} trở lên, ` +
        `hoặc đặt CNSCD_SYSTEM_NODE=1 để chạy trên bản hiện có.`,
      { cause: err },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Starts this script again on the project's Node.js when this one is older, and exits with its code;
 * returns when this process already is the one to run on. Signals reach the new process (a terminal's
 * Ctrl-C reaches both; the old one waits for the new one's graceful stop).
 */
export async function runOnProjectNode() {
  // Started again already (by this function): never a second time, whatever the version reads.
  if (process.env.CNSCD_SYSTEM_NODE === '1' || process.env[RESTARTED]) return;
  if (onProjectNode()) return;
  let node;
  try {
    node = ensureNode();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RESTARTED]: '1', PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((done) =>
    child.on('exit', (c, signal) => done(c ?? (signal ? 128 + (signalNumbers[signal] ?? 1) : 1))),
  );
  process.exit(code);
}

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const node = ensureNode();
  if (process.argv.includes('--print')) console.log(node);
}
