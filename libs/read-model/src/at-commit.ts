import { CompiledQuery, type Compilable } from 'kysely';
import type { QueryRunner } from './copy';

/**
 * Marks a statement that runs with its transaction's COMMIT, in the same round trip.
 *
 * Every projection batch ended in two round trips to the database: its checkpoint, then `commit`. Each
 * is a loopback write that also wakes the server's backend (a CPU profile of the services under the
 * write-path benchmark: socket writes to PostgreSQL ≈ 10% of outreach's CPU, issue 17). A statement
 * given to `atCommit` is held by the connection (`holdingAtCommit`, which both engines' clients use)
 * and sent with the `commit` as one text — so a batch costs `begin`, its rows, and the checkpoint with
 * the commit.
 *
 * What the caller must know: the statement runs after every other statement of the transaction; it
 * takes no parameters (values as `sql.lit`: the simple protocol, the only one that carries two
 * statements in one message); its error, if any, comes from the commit, and the transaction is rolled
 * back as for any error. On a connection that does not hold it (a plain Kysely), it simply runs at
 * once: the same outcome, one round trip more.
 */
export async function atCommit(
  trx: QueryRunner & { readonly isTransaction: boolean },
  statement: Compilable,
): Promise<void> {
  // Outside a transaction no commit would come: the statement would wait on a pooled connection.
  if (!trx.isTransaction) throw new Error('A statement run at the commit needs a transaction');
  const { sql, parameters } = statement.compile();
  if (parameters.length > 0) throw new Error('A statement run at the commit takes no parameters (sql.lit)');
  await trx.executeQuery(CompiledQuery.raw(`${AT_COMMIT}${sql}`));
}

const AT_COMMIT = '/* at commit */ ';

/** What a database client answers for a statement (node-postgres' `QueryResult`, or PGlite's, made alike). */
type Send<R> = (text: string, parameters?: readonly unknown[]) => Promise<R>;

/**
 * Wraps a client's `query` so that a statement marked by `atCommit` waits for the transaction's end:
 * sent with `commit` as one text (`sendMany`: two statements, no parameters — the answer is the
 * commit's), dropped with `rollback`, or — should any other statement come first — sent before it, so
 * the order stays the caller's. `held` answers an empty result, as an insert that wrote no row does.
 */
export function holdingAtCommit<R>(send: Send<R>, sendMany: (text: string) => Promise<R>, held: R): Send<R> {
  let waiting: string | undefined;
  return async (text, parameters) => {
    if (text.startsWith(AT_COMMIT) && (parameters?.length ?? 0) === 0) {
      if (waiting !== undefined) await send(waiting);
      waiting = text;
      return held;
    }
    if (waiting === undefined) return send(text, parameters);
    const statement = waiting;
    waiting = undefined;
    const word = text.trim().toLowerCase();
    if (word === 'commit') return sendMany(`${statement};\ncommit`);
    if (word === 'rollback') return send(text, parameters);
    await send(statement);
    return send(text, parameters);
  };
}
