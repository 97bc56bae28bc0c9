#!/usr/bin/env node
// `npm run docs:writes` writes docs/writes.md from the services' lists of writes; with `--check`
// (run by `npm test`) it fails when the file is stale or a write is not in its use-case folder.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const result = spawnSync(
  process.execPath,
  [
    '-r',
    '@swc-node/register',
    '-e',
    "process.stdout.write(require('./scripts/writes-table.ts').writesTable())",
  ],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (result.status !== 0) process.exit(result.status ?? 1);
const file = join(root, 'docs', 'writes.md');
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== result.stdout) {
    console.error('docs/writes.md is stale: run `npm run docs:writes`');
    process.exit(1);
  }
} else {
  writeFileSync(file, result.stdout);
  console.error(`wrote ${file}`);
}
