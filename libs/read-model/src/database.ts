import type * as PGliteModule from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { mkdirSync } from 'node:fs';
import { Pool, types } from 'pg';
import { copyAware } from './copy';
import { pglitePool } from './pglite-pool';

/** PostgreSQL `date` columns come back as 'YYYY-MM-DD' strings on both engines: a calendar day has no time zone. */
const DATE_OID = 1082;
const asText = (value: string) => value;

/**
 * Settings every PostgreSQL connection starts with (the startup packet's `options`, no round trip).
 * JIT compilation off: PostgreSQL compiles a statement whose estimated cost crosses `jit_above_cost`,
 * which costs 100–300 ms of compiling before the first row — a read model's statements are index probes
 * that never need it, and the rebuild's bulk statements ran twice as long with it (decision 0020).
 * An `options` parameter in the connection string replaces these (node-postgres takes the URL's first).
 */
export const CONNECTION_OPTIONS = '-c jit=off';

/** How long a query waits for a connection of the pool (or for a new one to open). */
export const CONNECT_TIMEOUT_MS = 10_000;

export interface DatabaseOptions {
  /** A PostgreSQL connection string. Without one, an embedded PGlite database is used. */
  readonly url?: string;
  /** Folder for the embedded database (PGlite); ignored when `url` is set. */
  readonly dataDir?: string;
  readonly maxConnections?: number;
}

export interface ReadModelDatabase<DB> {
  readonly db: Kysely<DB>;
  readonly kind: 'postgres' | 'pglite';
  /** Answers when the database can run a query: used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * PostgreSQL when a URL is given (production, tests), PGlite in a local folder otherwise
 * (the embedded default, docs/mission/ARCHITECTURE.md §2). The same Kysely code runs on both.
 */
export async function openDatabase<DB>(options: DatabaseOptions): Promise<ReadModelDatabase<DB>> {
  if (options.url) {
    const pool = new Pool({
      connectionString: options.url,
      options: CONNECTION_OPTIONS,
      max: options.maxConnections ?? 10,
      // A request waits this long for a connection, then fails (503 database-unavailable) instead of
      // waiting for ever behind a database that does not answer; projections retry after it.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? asText : types.getTypeParser(oid, format),
      } as never,
    });
    // An idle connection the server ends (a restart, a dropped database) is reported on the pool;
    // unheard, that error would end the process. The pool has already let that connection go, the next
    // query opens a fresh one, and queries in flight see their own errors.
    pool.on('error', () => undefined);
    // Every connection can also take a binary COPY (`copyInto`).
    const copyPool = { connect: async () => copyAware(await pool.connect()), end: () => pool.end() };
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: copyPool as never }) });
    return wrap(db, 'postgres');
  }
  if (!options.dataDir) throw new Error('openDatabase needs a url or a dataDir');
  mkdirSync(options.dataDir, { recursive: true });
  // Loaded only here: a service on PostgreSQL never needs PGlite's code (≈ 1 MiB of heap, 5 MiB of RSS).
  // `require`, not `import()`: the same CommonJS build as everywhere else in the process and the tests.
  const { PGlite } = require('@electric-sql/pglite') as typeof PGliteModule;
  const pglite = await PGlite.create(options.dataDir, { parsers: { [DATE_OID]: asText } });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pglitePool(pglite) }) });
  const wrapped = wrap(db, 'pglite');
  return { ...wrapped, close: async () => (await wrapped.close(), await pglite.close()) };
}

function wrap<DB>(db: Kysely<DB>, kind: 'postgres' | 'pglite'): ReadModelDatabase<DB> {
  return {
    db,
    kind,
    ping: async () => void (await sql`select 1`.execute(db)),
    close: () => db.destroy(),
  };
}
