import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceUnderTest, type Json, type ServiceUnderTest } from '@cnscd/service-testing';
import type { BootstrapFile } from '../infrastructure/bootstrap/bootstrap-schema';

export interface IdentityUnderTest extends Omit<ServiceUnderTest, 'call'> {
  call(
    method: string,
    path: string,
    credential?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Json; headers: Headers }>;
}

/** The identity service on real NATS and PostgreSQL, started from a bootstrap file. */
export async function startIdentity(
  bootstrap: BootstrapFile,
  env: Record<string, string> = {},
): Promise<IdentityUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'cnscd-identity-'));
  writeFileSync(join(dir, 'bootstrap.json'), JSON.stringify(bootstrap));
  const sut = await startServiceUnderTest({
    name: 'identity',
    organisations: [],
    // The bootstrap's communes have their villages, as a deployment's would (a village team names one).
    communes: bootstrap.organisations.map((o) => o.commune),
    env: {
      IDENTITY_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
      IDENTITY_BOOTSTRAP_FILE: join(dir, 'bootstrap.json'),
      ...env,
    },
  });
  return {
    ...sut,
    async call(method, path, credential, body, headers) {
      const res = await sut.call(method, path, credential, body, headers);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
  };
}

/** The fields every command carries. */
export const command = () => ({ commandId: randomUUID(), occurredAt: new Date().toISOString() });
