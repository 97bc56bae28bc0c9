import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { freeCompileJobsAtOnce } from './compile-jobs';

/**
 * What `freeCompileJobsAtOnce` is for, in a real Node.js process: many functions turning hot at once (a
 * service's first minute under load) leave V8 holding every finished compile job until a background task
 * frees it. The workload below is made for that: 400 distinct functions called in rounds.
 */
const root = resolve(__dirname, '../../../..');
const WORKLOAD = (freeAtOnce: boolean) => `
${freeAtOnce ? `require(${JSON.stringify(resolve(__dirname, 'compile-jobs.ts'))}).freeCompileJobsAtOnce();` : ''}
const v8 = require('node:v8');
const fns = [];
for (let i = 0; i < 400; i++) {
  const body = Array.from({ length: 40 }, (_, k) => 'if (o.a' + (k % 7) + ' > ' + k + ') s += o.a' + (k % 7) + ' * ' + (i + k) + '; else s -= ' + k + ';').join('\\n');
  fns.push(new Function('o', 'let s = 0; for (let j = 0; j < 3; j++) {' + body + '} return s;'));
}
const o = { a0: 1, a1: 2, a2: 3, a3: 4, a4: 5, a5: 6, a6: 7 };
let total = 0;
(async () => {
  for (let k = 0; k < 60; k++) {
    for (let r = 0; r < 20; r++) for (const f of fns) total += f(o);
    await new Promise((r) => setImmediate(r));
  }
  console.log(JSON.stringify({ peakMallocedMB: v8.getHeapStatistics().peak_malloced_memory / 1048576, total }));
})();
`;

function peakMallocedMB(freeAtOnce: boolean): number {
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', WORKLOAD(freeAtOnce)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`the workload failed: ${r.stderr}`);
  return (JSON.parse(r.stdout.trim().split('\n').pop()!) as { peakMallocedMB: number }).peakMallocedMB;
}

it("keeps V8's malloc peak a fraction of what it is when finished compile jobs wait for a background task", () => {
  // The suite runs on Node.js 24 unless CNSCD_SYSTEM_NODE=1 keeps an older one, where it sets nothing.
  if (Number(process.versions.node.split('.')[0]) < 24) {
    expect(freeCompileJobsAtOnce([], () => undefined)).toBe(false);
    return;
  }
  const leftToV8 = peakMallocedMB(false);
  const freedAtOnce = peakMallocedMB(true);

  // Measured on Node.js 24.22 (2 cores): ≈ 200 MB left to V8, 13–17 MB freed at once.
  expect(freedAtOnce).toBeLessThan(leftToV8 / 4);
});
