import { CompiledQuery } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient, QueryResult } from 'pg';
import { holdingAtCommit } from './at-commit';
import { encodeCopyBinary, type CopyType } from './copy-binary';

/**
 * Rows for `COPY … FROM STDIN (FORMAT binary)`, carried to the connection as the statement's only
 * parameter: Kysely passes it through untouched, and each engine's client (`copyAware` for
 * node-postgres, `pglitePool` for PGlite) sends it the way that engine takes a COPY.
 */
export class CopyRows {
  constructor(readonly data: Buffer) {}
}

/** A database or a transaction (any `Kysely` or `Transaction`): all a COPY needs is to run a statement. */
export interface QueryRunner {
  executeQuery(query: CompiledQuery): Promise<unknown>;
}

export interface CopyColumn {
  readonly name: string;
  readonly type: CopyType;
}

/**
 * Loads rows into a table with one binary `COPY`, inside the caller's transaction (or alone on `db`).
 * No `ON CONFLICT`: meant for filling fresh tables whose keys are built once the rows are in.
 * `table` may be schema-qualified; names are quoted here.
 */
export async function copyInto(
  db: QueryRunner,
  table: string,
  columns: readonly CopyColumn[],
  values: readonly (readonly unknown[])[],
): Promise<number> {
  const rows = values[0]?.length ?? 0;
  if (rows === 0) return 0;
  const data = encodeCopyBinary(
    columns.map((c) => c.type),
    values,
  );
  const target = table.split('.').map(quote).join('.');
  const names = columns.map((c) => quote(c.name)).join(', ');
  await db.executeQuery(
    CompiledQuery.raw(`copy ${target} (${names}) from stdin (format binary)`, [new CopyRows(data)]),
  );
  return rows;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const copyRowsOf = (parameters: ReadonlyArray<unknown> | undefined) =>
  parameters?.length === 1 && parameters[0] instanceof CopyRows ? parameters[0] : undefined;

/**
 * node-postgres, as the read models use it: a COPY statement carrying `CopyRows` is streamed with
 * pg-copy-streams, and a statement marked `atCommit` goes with the commit (`holdingAtCommit`).
 */
export function copyAware(client: PoolClient): PoolClient {
  const patched = client as PoolClient & { copyAware?: true };
  if (patched.copyAware) return client;
  // A connection the server drops while it is checked out (a restart, the network) emits 'error' on its
  // client; unheard, that ends the process. The pool listens only while a client is idle. The query in
  // flight, or the next one, fails with its own error (503 database-unavailable), and the pool discards
  // the client when it is given back (it checks whether the client can still be queried).
  client.on('error', () => undefined);
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<QueryResult>;
  const send = (text: string, parameters?: readonly unknown[]): Promise<QueryResult> => {
    const rows = copyRowsOf(parameters);
    if (!rows) return query(text, parameters);
    return new Promise((resolve, reject) => {
      const stream = client.query(copyFrom(text));
      stream.on('error', reject);
      stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] } as never));
      stream.end(rows.data);
    });
  };
  // Two statements in one text come back as one result each: the commit's is the last.
  const sendMany = async (text: string) => [await query(text)].flat().at(-1)!;
  const held = holdingAtCommit(send, sendMany, { command: 'INSERT', rowCount: 0, rows: [] } as never);
  patched.query = ((text: unknown, ...rest: unknown[]) =>
    typeof text === 'string' && rest.length <= 1
      ? held(text, rest[0] as unknown[] | undefined)
      : query(text, ...rest)) as never;
  patched.copyAware = true;
  return client;
}

/** PGlite: the same statement reads the rows from its `/dev/blob` device. */
export function pgliteCopy(text: string, parameters: ReadonlyArray<unknown>) {
  const rows = copyRowsOf(parameters);
  return rows
    ? {
        sql: text.replace(/ from stdin /i, " from '/dev/blob' "),
        parameters: [],
        blob: new Blob([rows.data]),
      }
    : undefined;
}
