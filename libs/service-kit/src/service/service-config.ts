import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_STREAM_SETTINGS } from '@cnscd/event-store';
import { WRITES_IN_FLIGHT } from '../operations/write-slots';
import { HEAP_GROWING_PERCENT } from './heap-growth';
import { HTTP_KEEP_ALIVE_TIMEOUT_MS } from '../http/keep-alive';
import { BULK_BODY_TIMEOUT_MS, BULK_BYTES_IN_FLIGHT, BULK_WAITING_MAX } from '../http/bulk-bodies';

/** What every service reads from its environment. Service-specific variables are read by the service itself. */
export interface ServiceConfig {
  /** The service's name: `outreach`, `merchants`, … Environment variables are prefixed with it in capitals. */
  readonly name: string;
  readonly http: { readonly port: number; readonly host: string; readonly keepAliveTimeoutMs: number };
  readonly nats: { readonly url: string; readonly user: string; readonly password?: string };
  readonly database: { readonly url?: string; readonly dataDir: string };
  readonly stream: {
    readonly replicas: number;
    readonly duplicateWindowMs: number;
    /** The province hub's copy of the communes' streams (`EVENT_STREAM_SOURCED`): read, never written. */
    readonly sourced: boolean;
  };
  readonly logFormat: 'text' | 'json';
  /** When a projection makes `/health/ready` answer `degraded`. */
  readonly health: {
    readonly maxBehind: number;
    readonly maxFailingMs: number;
    /** How long a commune's source may stay behind without advancing before it is stalled (`SOURCE_STALL_MS`). */
    readonly sourceStallMs: number;
  };
  /** How far the heap may grow past what a full collection kept, in percent; 0: V8's own (`heapGrowth`). */
  readonly heapGrowingPercent: number;
  /** How many writes run at once, and how many may wait for one of them (0: no bound): `writeSlots`. */
  readonly writes: { readonly inFlight: number; readonly waitingMax: number };
  /**
   * The bytes of bulk request bodies read and under way at once, the time one let in has to arrive
   * whole, and how many may wait (0: no bound) (`BULK_BYTES_IN_FLIGHT`, `BULK_BODY_TIMEOUT_MS`,
   * `BULK_WAITING_MAX`): `bulkBodies`.
   */
  readonly bulk: {
    readonly bytesInFlight: number;
    readonly bodyTimeoutMs: number;
    readonly waitingMax: number;
  };
}

/** The service's health thresholds and its bounds on memory and work, the same for every service. */
const TUNING = {
  HEALTH_MAX_BEHIND_EVENTS: z.coerce.number().int().min(0).default(1000),
  HEALTH_MAX_FAILING_MS: z.coerce.number().int().min(0).default(5000),
  SOURCE_STALL_MS: z.coerce.number().int().min(1000).default(60_000),
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(HEAP_GROWING_PERCENT),
  WRITES_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(WRITES_IN_FLIGHT),
  WRITES_WAITING_MAX: z.coerce.number().int().min(0).default(0),
  // At least one batch's 64 KB, at most 1 GiB.
  BULK_BYTES_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(2 ** 30)
    .default(BULK_BYTES_IN_FLIGHT),
  BULK_BODY_TIMEOUT_MS: z.coerce.number().int().min(1000).default(BULK_BODY_TIMEOUT_MS),
  BULK_WAITING_MAX: z.coerce.number().int().min(0).default(BULK_WAITING_MAX),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(HTTP_KEEP_ALIVE_TIMEOUT_MS),
};

/**
 * `<NAME>_HTTP_PORT`, `<NAME>_HTTP_HOST`, `<NAME>_DATABASE_URL` (else `DATABASE_URL`, else PGlite in
 * `<NAME>_DATA_DIR`), `NATS_URL`, `NATS_USER` (each service is its own bus user, deploy/nats/permissions.conf,
 * named like the service), `NATS_PASSWORD`,
 * `EVENT_STREAM_REPLICAS` (when the service creates the stream), `EVENT_STREAM_SOURCED` (true on the
 * province hub), `LOG_FORMAT`, `HEALTH_MAX_BEHIND_EVENTS`, `HEALTH_MAX_FAILING_MS`, `SOURCE_STALL_MS`, `HEAP_GROWING_PERCENT`, `WRITES_IN_FLIGHT`, `WRITES_WAITING_MAX`, `BULK_BYTES_IN_FLIGHT`, `BULK_BODY_TIMEOUT_MS`, `BULK_WAITING_MAX`, `HTTP_KEEP_ALIVE_TIMEOUT_MS`. A bad value
 * stops the service with a message naming the variable.
 */
export function loadServiceConfig<Extra extends z.ZodRawShape>(
  name: string,
  defaultPort: number,
  extra: Extra = {} as Extra,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig & { readonly env: z.output<z.ZodObject<Extra>> } {
  const N = name.toUpperCase();
  const Env = z.object({
    [`${N}_HTTP_PORT`]: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    [`${N}_HTTP_HOST`]: z.string().default('127.0.0.1'),
    [`${N}_DATABASE_URL`]: z.string().optional(),
    [`${N}_DATA_DIR`]: z.string().default(`.data/${name}`),
    DATABASE_URL: z.string().optional(),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    NATS_USER: z.string().default(name),
    NATS_PASSWORD: z.string().optional(),
    EVENT_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    EVENT_STREAM_SOURCED: z.enum(['true', 'false']).default('false'),
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    ...TUNING,
  });
  const data = parsedOrThrow(name, Env.extend(extra).safeParse(env));
  const e = <T>(key: string) => (data as Record<string, unknown>)[key] as T;
  return {
    name,
    http: {
      port: e<number>(`${N}_HTTP_PORT`),
      host: e<string>(`${N}_HTTP_HOST`),
      keepAliveTimeoutMs: e<number>('HTTP_KEEP_ALIVE_TIMEOUT_MS'),
    },
    nats: {
      url: e<string>('NATS_URL'),
      user: e<string>('NATS_USER'),
      password: e<string | undefined>('NATS_PASSWORD'),
    },
    database: {
      url: e<string | undefined>(`${N}_DATABASE_URL`) ?? e<string | undefined>('DATABASE_URL'),
      dataDir: resolve(e<string>(`${N}_DATA_DIR`)),
    },
    stream: {
      replicas: e<number>('EVENT_STREAM_REPLICAS'),
      duplicateWindowMs: DEFAULT_STREAM_SETTINGS.duplicateWindowMs,
      sourced: e<string>('EVENT_STREAM_SOURCED') === 'true',
    },
    logFormat: e<'text' | 'json'>('LOG_FORMAT'),
    ...tuningOf(e),
    env: data as never,
  };
}

/** The parts of the configuration read from `TUNING`. */
function tuningOf(e: <T>(key: keyof typeof TUNING) => T) {
  return {
    health: {
      maxBehind: e<number>('HEALTH_MAX_BEHIND_EVENTS'),
      maxFailingMs: e<number>('HEALTH_MAX_FAILING_MS'),
      sourceStallMs: e<number>('SOURCE_STALL_MS'),
    },
    heapGrowingPercent: e<number>('HEAP_GROWING_PERCENT'),
    writes: { inFlight: e<number>('WRITES_IN_FLIGHT'), waitingMax: e<number>('WRITES_WAITING_MAX') },
    bulk: {
      bytesInFlight: e<number>('BULK_BYTES_IN_FLIGHT'),
      bodyTimeoutMs: e<number>('BULK_BODY_TIMEOUT_MS'),
      waitingMax: e<number>('BULK_WAITING_MAX'),
    },
  };
}

function parsedOrThrow(name: string, parsed: z.ZodSafeParseResult<unknown>): unknown {
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
  throw new Error(`The ${name} service's configuration is invalid:\n  ${problems}`);
}

/**
 * How a service connects to the bus: as its own user, with replies under its own inbox prefix — the
 * only inboxes deploy/nats/permissions.conf lets it subscribe to.
 */
export function natsConnectionOptions(config: ServiceConfig) {
  return {
    servers: config.nats.url.split(','),
    user: config.nats.user,
    pass: config.nats.password,
    inboxPrefix: `_INBOX_${config.name}`,
  };
}
