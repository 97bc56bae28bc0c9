import { resolve } from 'node:path';
import { z } from 'zod';
import { loadServiceConfig, type ServiceConfig } from '@cnscd/service-kit';

export interface OutreachConfig extends ServiceConfig {
  /** Resident-key secrets per commune and the master key for personal data (docs/operations.md). */
  readonly secretsFile: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): OutreachConfig {
  const config = loadServiceConfig(
    'outreach',
    3001,
    {
      OUTREACH_SECRETS_FILE: z.string({ error: 'OUTREACH_SECRETS_FILE must name the JSON file of secrets' }),
    },
    env,
  );
  return { ...config, secretsFile: resolve(config.env.OUTREACH_SECRETS_FILE) };
}
