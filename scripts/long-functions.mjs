// Lists the functions of 60 lines or more outside tests (issue 15: none without a reason next to it),
// longest first, and their count. `node scripts/long-functions.mjs [min-lines]`.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const min = Number(process.argv[2] ?? 60);
const files = execSync("git ls-files 'libs/*.ts' 'services/*.ts' 'services/*.tsx'")
  .toString()
  .split('\n')
  .filter((f) => f && !f.includes('.spec.'));
const long = [];
for (const file of files) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node.body) {
      const line = (at) => source.getLineAndCharacterOfPosition(at).line;
      const lines = line(node.getEnd()) - line(node.getStart()) + 1;
      if (lines >= min)
        long.push({ lines, at: `${file}:${line(node.getStart()) + 1}`, name: node.name?.getText() ?? '' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const f of long.sort((a, b) => b.lines - a.lines)) console.log(`${f.lines}\t${f.at}\t${f.name}`);
console.log(`${long.length} functions of ${min}+ lines`);
