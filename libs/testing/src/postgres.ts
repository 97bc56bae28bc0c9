import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
  readonly name: string;
  /** A connection string for the fresh database. */
  readonly url: string;
  drop(): Promise<void>;
}

/** The local PostgreSQL server: PG* environment variables, else 127.0.0.1:5432 as user postgres. */
export function serverUrl(database = process.env.PGDATABASE ?? 'postgres'): string {
  const host = process.env.PGHOST ?? '127.0.0.1';
  const port = process.env.PGPORT ?? '5432';
  const user = encodeURIComponent(process.env.PGUSER ?? 'postgres');
  const password = process.env.PGPASSWORD ? `:${encodeURIComponent(process.env.PGPASSWORD)}` : '';
  const hostPart = host.startsWith('/') ? `localhost` : host;
  const socket = host.startsWith('/') ? `?host=${encodeURIComponent(host)}` : '';
  return `postgres://${user}${password}@${hostPart}:${port}/${database}${socket}`;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database for one test file; `drop()` removes it even if connections remain. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `cnscd_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: serverUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Where a fresh read-model database lives, as `openDatabase` of @cnscd/read-model takes it. */
export interface EngineDatabase {
  readonly options: { readonly url: string } | { readonly dataDir: string };
  /** Drops the PostgreSQL database, or removes the PGlite folder. */
  drop(): Promise<void>;
}

/** A fresh database on either engine the read models run on: PostgreSQL, or embedded PGlite in a folder. */
export async function createEngineDatabase(
  engine: 'postgres' | 'pglite',
  label: string,
): Promise<EngineDatabase> {
  if (engine === 'postgres') {
    const db = await createTestDatabase(label);
    return { options: { url: db.url }, drop: () => db.drop() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), `cnscd-${label}-`));
  return { options: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}
