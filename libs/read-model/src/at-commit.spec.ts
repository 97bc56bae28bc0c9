import { CompiledQuery } from 'kysely';
import { atCommit, holdingAtCommit } from './at-commit';

/** A client that records what reaches the server: each call is one round trip. */
function aClient() {
  const sent: string[] = [];
  const query = holdingAtCommit(
    async (text: string) => (sent.push(text), `answer to ${text}`),
    async (text: string) => (sent.push(text), 'answer to the commit'),
    'held',
  );
  return { sent, query };
}

/** The text `atCommit` hands the connection for a statement. */
async function marked(statement: string): Promise<string> {
  let text = '';
  await atCommit(
    { isTransaction: true, executeQuery: async (q: CompiledQuery) => void (text = q.sql) },
    { compile: () => CompiledQuery.raw(statement) },
  );
  return text;
}

describe('a statement run at the commit', () => {
  it('is held, and sent with the commit in one round trip', async () => {
    const { sent, query } = aClient();
    await query('begin');
    await query('insert into visits values ($1)', ['v1']);
    expect(await query(await marked('insert into checkpoints values (7)'))).toBe('held');
    expect(await query('commit')).toBe('answer to the commit');
    expect(sent).toEqual([
      'begin',
      'insert into visits values ($1)',
      expect.stringMatching(/insert into checkpoints values \(7\);\s*commit$/),
    ]);
  });

  it('is dropped when the transaction rolls back', async () => {
    const { sent, query } = aClient();
    await query(await marked('insert into checkpoints values (7)'));
    await query('rollback');
    expect(sent).toEqual(['rollback']);
  });

  it('goes before any statement that comes after it, so the order stays the caller’s', async () => {
    const { sent, query } = aClient();
    await query(await marked('insert into checkpoints values (7)'));
    await query('select 1', []);
    await query('commit');
    expect(sent).toEqual([
      expect.stringContaining('insert into checkpoints values (7)'),
      'select 1',
      'commit',
    ]);
  });

  it('refuses a statement with parameters, which the protocol of two statements in one text cannot carry', async () => {
    await expect(
      atCommit(
        { isTransaction: true, executeQuery: async () => undefined },
        { compile: () => CompiledQuery.raw('insert into checkpoints values ($1)', [7]) },
      ),
    ).rejects.toThrow('takes no parameters');
  });

  it('is refused outside a transaction, where no commit would come to send it', async () => {
    const sent: string[] = [];
    await expect(
      atCommit(
        { isTransaction: false, executeQuery: async (q: CompiledQuery) => void sent.push(q.sql) },
        { compile: () => CompiledQuery.raw('insert into checkpoints values (7)') },
      ),
    ).rejects.toThrow('needs a transaction');
    expect(sent).toEqual([]);
  });
});
