import { resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  OUTREACH_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  OUTREACH_HTTP_HOST: z.string().default('127.0.0.1'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** PostgreSQL for the read models. Without it, PGlite in OUTREACH_DATA_DIR (the embedded default). */
  OUTREACH_DATABASE_URL: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  OUTREACH_DATA_DIR: z.string().default('.data/outreach'),
  API_KEYS_FILE: z.string({ error: 'API_KEYS_FILE must name the JSON file of hashed API keys' }),
  /** Resident-key secrets per commune and the master key for personal data (docs/operations.md). */
  OUTREACH_SECRETS_FILE: z.string({ error: 'OUTREACH_SECRETS_FILE must name the JSON file of secrets' }),
  EVENT_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  EVENT_DUPLICATE_WINDOW_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
  /** `json` for one JSON object per log line (containers, log shippers); `text` for people. */
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
});

export interface OutreachConfig {
  readonly http: { readonly port: number; readonly host: string };
  readonly nats: { readonly url: string; readonly user?: string; readonly password?: string };
  readonly database: { readonly url?: string; readonly dataDir: string };
  readonly apiKeysFile: string;
  readonly secretsFile: string;
  readonly stream: { readonly replicas: number; readonly duplicateWindowMs: number };
  readonly logFormat: 'text' | 'json';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): OutreachConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Outreach service configuration is invalid:\n  ${problems}`);
  }
  const e = parsed.data;
  return {
    http: { port: e.OUTREACH_HTTP_PORT, host: e.OUTREACH_HTTP_HOST },
    nats: { url: e.NATS_URL, user: e.NATS_USER, password: e.NATS_PASSWORD },
    database: { url: e.OUTREACH_DATABASE_URL ?? e.DATABASE_URL, dataDir: resolve(e.OUTREACH_DATA_DIR) },
    apiKeysFile: resolve(e.API_KEYS_FILE),
    secretsFile: resolve(e.OUTREACH_SECRETS_FILE),
    stream: { replicas: e.EVENT_STREAM_REPLICAS, duplicateWindowMs: e.EVENT_DUPLICATE_WINDOW_MS },
    logFormat: e.LOG_FORMAT,
  };
}
