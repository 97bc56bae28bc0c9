import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { holdingAtCommit } from './at-commit';
import { pgliteCopy } from './copy';

/**
 * Lets Kysely's own PostgresDialect drive an embedded PGlite database. PGlite is one session, so the
 * "pool" hands out that session to one borrower at a time: a transaction never interleaves with
 * another query.
 */
export function pglitePool(pglite: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();

  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const previous = queue;
      queue = new Promise<void>((r) => (release = r));
      await previous;
      const send = async (
        sql: string,
        parameters: ReadonlyArray<unknown> = [],
      ): Promise<PostgresQueryResult<unknown>> => {
        const copy = pgliteCopy(sql, parameters);
        const result = copy
          ? await pglite.query(copy.sql, copy.parameters, { blob: copy.blob })
          : await pglite.query(sql, parameters as unknown[]);
        return {
          command: commandOf(sql),
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      };
      // Two statements in one text (a statement held for the commit, `holdingAtCommit`): PGlite's
      // `exec` runs them as the simple protocol does; the answer is the last one's (the commit's).
      const sendMany = async (sql: string): Promise<PostgresQueryResult<unknown>> => {
        const last = (await pglite.exec(sql)).at(-1);
        return { command: 'SELECT', rowCount: last?.affectedRows ?? 0, rows: last?.rows ?? [] };
      };
      const client = {
        query: holdingAtCommit(send, sendMany, { command: 'INSERT', rowCount: 0, rows: [] }),
        release: () => release(),
      };
      return client as unknown as PostgresPoolClient;
    },
    // Closing PGlite is the owner's job (openDatabase closes it after Kysely lets go).
    end: async () => undefined,
  };
}

function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return (
    word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE' || word === 'COPY'
      ? word
      : 'SELECT'
  ) as never;
}
