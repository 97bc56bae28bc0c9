// What scripts/build.mjs and the preload scripts/built.cjs share: which TypeScript is compiled, where
// its JavaScript goes, and the compiler (`@swc-node/register`'s own, so the output is what
// `node -r @swc-node/register` would run).
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, '.build');

/** The folders whose TypeScript is compiled: each library's and each service's `src`. */
function sources(base = root) {
  return ['libs', 'services']
    .flatMap((top) =>
      readdirSync(join(base, top), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(base, top, d.name, 'src')),
    )
    .filter((dir) => {
      try {
        return statSync(dir).isDirectory();
      } catch {
        return false;
      }
    });
}

/** Where a source file's JavaScript goes. */
const outputOf = (file) => join(out, relative(root, file)).replace(/\.ts$/, '.js');

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return NaN;
  }
};
/** The compile settings: an output older than them was compiled differently. */
const settingsChanged = Math.max(mtime(join(root, 'tsconfig.json')), mtime(join(root, 'tsconfig.base.json')));

/** Whether a source's output is there and newer than both the source and the compile settings. */
function isBuilt(file) {
  const built = mtime(outputOf(file));
  return built >= mtime(file) && !(built < settingsChanged);
}

/** `@swc-node/register`'s own compile, with its reading of tsconfig.json: the same output as `-r @swc-node/register`. */
function compiler() {
  const { compile } = require('@swc-node/register/register');
  const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig');
  const ts = require('typescript');
  const options = { ...readDefaultTsConfig(join(root, 'tsconfig.json')), module: ts.ModuleKind.CommonJS };
  return (source, filename) => compile(source, filename, { ...options });
}

module.exports = { compiler, isBuilt, outputOf, sources };
