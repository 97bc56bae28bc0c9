import { randomBytes } from 'node:crypto';
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
