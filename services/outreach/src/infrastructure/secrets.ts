import { NotConfiguredError } from '@cnscd/service-kit';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length >= 32, { error: 'needs at least 32 bytes, base64' });

const SecretsFile = z.object({
  /** Wraps every resident's data key (AES-256-GCM). Losing it makes all sealed details unreadable. */
  residentDataMasterKey: Base64Key,
  /** Per commune: the HMAC secret that turns a citizen ID into the resident key. Never rotate casually. */
  communes: z.record(z.string().regex(/^[0-9]{5}$/), z.object({ residentKeySecret: Base64Key })),
});

export interface OutreachSecrets {
  readonly masterKey: Buffer;
  residentKeySecret(commune: string): Buffer;
  readonly communes: readonly string[];
}

export function loadSecrets(path: string): OutreachSecrets {
  const parsed = SecretsFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `Secrets file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const { residentDataMasterKey, communes } = parsed.data;
  return {
    masterKey: Buffer.from(residentDataMasterKey, 'base64').subarray(0, 32),
    communes: Object.keys(communes),
    residentKeySecret(commune) {
      const secret = communes[commune]?.residentKeySecret;
      // Organisations of a commune can be registered before ops adds its secret: refuse, loudly.
      if (!secret) throw new NotConfiguredError(`no resident key secret for commune ${commune}`);
      return Buffer.from(secret, 'base64');
    },
  };
}
