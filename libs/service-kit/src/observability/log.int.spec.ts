import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The JSON log as a service writes it, in a real Node.js process: lines are written in chunks, not one
 * write each (log.ts, `bufferedStdout`), and none may be lost for it.
 */
const root = resolve(__dirname, '../../../..');
const LOG = JSON.stringify(resolve(__dirname, 'log.ts'));

interface Line {
  readonly msg: string;
  readonly level: number;
  readonly service: string;
}

/** Runs `script` after `log` is the service's JSON log; the lines it printed, each with when it arrived. */
function run(script: string): Promise<{ lines: (Line & { atMs: number })[]; exitCode: number | null }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', '-e', `const log = require(${LOG}).createLog('test', 'json');\n${script}`],
    { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const started = Date.now();
  const lines: (Line & { atMs: number })[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const p of parts) lines.push({ ...(JSON.parse(p) as Line), atMs: Date.now() - started });
  });
  return new Promise((done) => child.on('close', (exitCode) => done({ lines, exitCode })));
}

describe("a service's JSON log", () => {
  it('writes a quiet moment’s line within the flush interval, while the process goes on', async () => {
    const { lines } = await run(
      `setTimeout(() => log.info('one request'), 1000); setTimeout(() => log.info('the last'), 4000);`,
    );

    const first = lines.find((l) => l.msg === 'one request')!;
    expect(first.service).toBe('test');
    // Logged at 1 s (plus the start-up); out long before the next line, written at 4 s.
    expect(first.atMs).toBeLessThan(lines.find((l) => l.msg === 'the last')!.atMs - 1500);
  }, 30_000);

  it('writes nothing while nothing is logged', async () => {
    // Every write to standard output the log makes in 1.5 s of silence after one line, counted in the
    // process (sonic-boom writes through `fs.write`).
    const counted = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        '-e',
        `const log = require(${LOG}).createLog('test', 'json');
        const fs = require('node:fs'); const write = fs.write; let writes = 0;
        fs.write = (...args) => ((writes += 1), write(...args));
        log.info('one line');
        setTimeout(() => (writes = 0), 500);
        setTimeout(() => (process.stderr.write('writes ' + writes), process.exit(0)), 2000);`,
      ],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    let stderr = '';
    counted.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((done) => counted.on('close', done));
    expect(stderr).toBe('writes 0');
  }, 30_000);

  it('loses no line when the process ends: at exit, or by an uncaught exception', async () => {
    const atExit = await run(`for (let i = 0; i < 1000; i++) log.info('line ' + i); process.exit(0);`);
    expect(atExit.lines.map((l) => l.msg)).toEqual(Array.from({ length: 1000 }, (_, i) => `line ${i}`));

    const crashed = await run(
      `log.info('before the crash'); log.error('going down'); setImmediate(() => { throw new Error('boom'); });`,
    );
    expect(crashed.exitCode).not.toBe(0);
    expect(crashed.lines.map((l) => l.msg)).toEqual(['before the crash', 'going down']);
  }, 30_000);
});
