import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from './service-process';

describe('starting a service for a test', () => {
  it('starts it again on another port when its first start finds its port taken', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'cnscd-port-')), 'first-start');
    const service = await startService({
      entry: 'libs/testing/src/fixtures/port-taken-once.ts',
      portVariable: 'FIXTURE_HTTP_PORT',
      env: { FIRST_START_MARKER: marker },
      readyTimeoutMs: 10_000,
    });
    try {
      const firstPort = readFileSync(marker, 'utf8');
      const answered = await (await fetch(`${service.url}/health/ready`)).text();
      expect(service.url).toBe(`http://127.0.0.1:${answered}`);
      expect(answered).not.toBe(firstPort);
    } finally {
      await service.stop();
    }
  });
});
