// Runs a service from the JavaScript scripts/build.mjs wrote to .build/: `node -r ./scripts/built.cjs
// services/<name>/src/main.ts`. Requiring a `.ts` file loads its compiled twin, so the process holds no
// compiler: `-r @swc-node/register` kept the TypeScript compiler, swc and every file's source map in
// each service (decision 0004). A source newer than its output (an edit since the last build) is
// compiled here, on demand, with the same settings: correct, only heavier. Stack traces point into the
// TypeScript (inline source maps, Node.js's own support).
'use strict';
const { readFileSync } = require('node:fs');
const { compiler, isBuilt, outputOf } = require('./compile-ts.cjs');

let compileNow;
function load(module, filename) {
  const code = isBuilt(filename)
    ? readFileSync(outputOf(filename), 'utf8')
    : (compileNow ??= compiler())(readFileSync(filename, 'utf8'), filename);
  module._compile(code, filename);
}

process.setSourceMapsEnabled(true);
require.extensions['.ts'] = load;
