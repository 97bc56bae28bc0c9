#!/usr/bin/env node
// Compiles the services' and libraries' TypeScript to JavaScript in .build/ (same paths, `.js`, inline
// source maps), with the same swc settings `@swc-node/register` uses, so a service runs without a
// compiler in its process (`node -r ./scripts/built.cjs services/<name>/src/main.ts`; decision 0004).
// Only files newer than their output (or than tsconfig) are compiled again. `npm start`, `npm test`,
// the benchmarks and the container image run it first.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { compiler, isBuilt, outputOf, sources } = require('./compile-ts.cjs');

/** Every TypeScript file a service can load: libs/*\/src and services/*\/src, tests left out. */
function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts'))
      yield path;
  }
}

export function build() {
  const started = Date.now();
  let compiled = 0;
  let compile;
  for (const top of sources(root))
    for (const file of tsFiles(top)) {
      if (isBuilt(file)) continue;
      const out = outputOf(file);
      compile ??= compiler();
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, compile(readFileSync(file, 'utf8'), file));
      compiled += 1;
    }
  return { compiled, ms: Date.now() - started };
}

/** `build()`, saying what it did when it did something (after `ensureDependencies()`: it needs swc). */
export function ensureServicesBuilt() {
  const { compiled, ms } = build();
  if (compiled > 0)
    console.error(
      `cnscd: ${compiled} TypeScript file(s) compiled to ${relative(process.cwd(), join(root, '.build'))}/ in ${ms} ms`,
    );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureServicesBuilt();
