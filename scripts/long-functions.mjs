// Lists the functions of 60 lines or more and the files of 250 lines or more (issue 15: none without a
// reason written next to it), longest first. A reason is a comment starting `Long:` right above the
// function, or anywhere in the file's opening comment for a file. Exits 1 when one has none, so
// `npm test` keeps the bound. `node scripts/long-functions.mjs [function-lines] [file-lines]`.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const minFunction = Number(process.argv[2] ?? 60);
const minFile = Number(process.argv[3] ?? 250);
const files = execSync(
  "git ls-files 'libs/*.ts' 'services/*.ts' 'services/*.tsx' 'scripts/*.ts' 'bench/*.ts'",
)
  .toString()
  .split('\n')
  .filter(Boolean);
const REASON = /^\s*(\/\/|\*|\/\*\*?)\s*Long:/m;

const functions = [];
const longFiles = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lineCount = text.split('\n').length - 1;
  if (lineCount >= minFile) {
    const opening = text.match(/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)+/)?.[0] ?? '';
    longFiles.push({ lines: lineCount, at: file, reason: REASON.test(opening) });
  }
  if (file.includes('.spec.')) continue;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node.body) {
      const line = (at) => source.getLineAndCharacterOfPosition(at).line;
      const lines = line(node.getEnd()) - line(node.getStart()) + 1;
      if (lines >= minFunction) {
        // The comments above the function, or above the statement that holds it (`const f = () => …`).
        let holder = node;
        while (
          holder.parent &&
          !ts.isSourceFile(holder.parent) &&
          !ts.isClassLike(holder.parent) &&
          !ts.isBlock(holder.parent) &&
          !ts.isObjectLiteralExpression(holder.parent)
        )
          holder = holder.parent;
        const above = text.slice(holder.getFullStart(), holder.getStart());
        functions.push({
          lines,
          at: `${file}:${line(node.getStart()) + 1}`,
          name: node.name?.getText() ?? '',
          reason: REASON.test(above),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
const show = (title, list) => {
  console.log(`${title}: ${list.length} (${list.filter((x) => !x.reason).length} without a reason)`);
  for (const x of list.sort((a, b) => b.lines - a.lines))
    console.log(`${x.lines}\t${x.reason ? 'reason ' : 'NONE   '}\t${x.at}\t${x.name ?? ''}`);
};
show(`functions of ${minFunction}+ lines`, functions);
show(`files of ${minFile}+ lines`, longFiles);
if ([...functions, ...longFiles].some((x) => !x.reason)) process.exit(1);
