import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  SERVICE_NAMES,
  anOrganisation,
  startDeployment,
  type DeploymentUnderTest,
} from './deployment-under-test';
import type { Json } from './service-under-test';
import { unschemedAnswers } from './openapi-answers';

/**
 * Issue 19 §4: every service's OpenAPI document is one a client generator accepts — valid for
 * swagger-parser (every `$ref` resolves, the document follows OpenAPI 3.1) and for Redocly's linter
 * with no errors — names the server it is served from, and describes every successful answer with a
 * schema (the services' own tests check their answers against those schemas).
 */
jest.setTimeout(180_000);

const root = resolve(__dirname, '../../..');
const redocly = join(root, 'node_modules/@redocly/cli/bin/cli.js');
const run = promisify(execFile);
// swagger-parser is an ES module, which Jest's CommonJS runtime cannot import: it runs in a Node.js
// of its own on the document's file, and says what it finds wrong (or nothing).
const SWAGGER_PARSER = `
import SwaggerParser from '@apidevtools/swagger-parser';
await SwaggerParser.validate(process.argv[1]).then(() => undefined, (e) => console.log(e.message));
`;
/** The document in a file of its own, for the tools that read one. */
function inFile<T>(service: string, use: (file: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'cnscd-openapi-'));
  const file = join(work, `${service}.json`);
  writeFileSync(file, JSON.stringify(docs.get(service)));
  return use(file).finally(() => rmSync(work, { recursive: true, force: true }));
}
interface Problem {
  readonly severity: string;
  readonly message: string;
  readonly location: readonly { readonly pointer: string }[];
}
let d: DeploymentUnderTest;
const docs = new Map<string, Json>();
beforeAll(async () => {
  d = await startDeployment([anOrganisation('village-team', 'team-leader', 'team')]);
  for (const s of SERVICE_NAMES) docs.set(s, await (await fetch(`${d.services[s].url}/openapi.json`)).json());
});
afterAll(() => d?.stop());

describe.each(SERVICE_NAMES)('the %s service’s OpenAPI document', (service) => {
  it('passes swagger-parser’s validation', async () => {
    const found = await inFile(service, async (file) =>
      (
        await run(process.execPath, ['--input-type=module', '-e', SWAGGER_PARSER, file], { cwd: root })
      ).stdout.trim(),
    );
    expect(found).toBe('');
  });

  it('passes Redocly’s lint with no errors', async () => {
    const problems = await inFile(service, async (file) => {
      const lint = await run(process.execPath, [redocly, 'lint', '--format=json', file], {
        maxBuffer: 64 << 20,
      }).catch((err: { stdout: string }) => err);
      return (JSON.parse(lint.stdout) as { problems: Problem[] }).problems;
    });
    expect(
      problems.filter((p) => p.severity === 'error').map((p) => `${p.location[0]?.pointer}: ${p.message}`),
    ).toEqual([]);
  });

  it('describes every successful answer with a schema that says something (no `{}`, files as binary)', () => {
    expect(unschemedAnswers(docs.get(service) as never)).toEqual([]);
  });

  it('names the server it is served from', () => {
    expect(docs.get(service)!.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });
});
