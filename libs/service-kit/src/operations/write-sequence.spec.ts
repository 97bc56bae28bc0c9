import type { Principal } from '../auth/principal';
import type { Operation, OperationResult } from './operation';
import { writeSequence } from './write-sequence';

const principal = {} as Principal;
/** `prepare`: none, one that reads the read models (`true`), or one that reads none (`'no read model'`). */
const anOperation = (kind: string, prepare: boolean | 'no read model' = false) =>
  ({
    kind,
    definition:
      prepare === 'no read model' ? { prepare: { readsReadModels: false } } : prepare ? { prepare: {} } : {},
  }) as unknown as Operation;

/**
 * A sequence over a fake service: each write starts, lands at the next position when the test lets it
 * (`release`, or at once), and what was waited for is logged.
 */
function fakeService({ held = false } = {}) {
  const log: string[] = [];
  const release: (() => void)[] = [];
  let position = 0;
  const sequence = writeSequence(
    async <R extends OperationResult>(operation: Operation<unknown, R>) => {
      log.push(`${operation.kind} started`);
      if (held) await new Promise<void>((r) => release.push(r));
      position += 1;
      log.push(`${operation.kind} written at ${position}`);
      return { commandId: 'c', position, status: 'appended' } as R;
    },
    async (operation, at) => {
      log.push(`${operation.kind} projected up to ${at}`);
    },
  );
  return { log, sequence, release };
}
const written = (log: string[]) => log.filter((line) => !line.endsWith('started'));

describe('a sequence of writes', () => {
  it('does not wait for any projection between writes that read none', async () => {
    const { log, sequence } = fakeService();
    const visit = anOperation('log-visit');
    for (let i = 0; i < 3; i++) await sequence.run(visit, principal, {}, {});
    expect(written(log)).toEqual([
      'log-visit written at 1',
      'log-visit written at 2',
      'log-visit written at 3',
    ]);
  });

  it('waits once, for the latest position of each operation, when settled', async () => {
    const { log, sequence } = fakeService();
    const [visit, household] = [anOperation('log-visit'), anOperation('register-household')];
    await sequence.run(household, principal, {}, {});
    await sequence.run(visit, principal, {}, {});
    await sequence.run(visit, principal, {}, {});
    await sequence.settled();
    expect(written(log).slice(3)).toEqual([
      'register-household projected up to 1',
      'log-visit projected up to 3',
    ]);
    await sequence.settled();
    expect(written(log)).toHaveLength(5);
  });

  it('waits for the earlier writes before a write that reads the read models first', async () => {
    const { log, sequence } = fakeService();
    await sequence.run(anOperation('register-resident'), principal, {}, {});
    await sequence.run(anOperation('record-personal-details', true), principal, {}, {});
    expect(written(log)).toEqual([
      'register-resident written at 1',
      'register-resident projected up to 1',
      'record-personal-details written at 2',
    ]);
  });

  it('runs writes at once, and a write that reads the read models only once the earlier ones ended', async () => {
    const { log, sequence, release } = fakeService({ held: true });
    const visit = anOperation('log-visit');
    const visits = [0, 1].map(() => sequence.run(visit, principal, {}, {}));
    const details = sequence.run(anOperation('record-personal-details', true), principal, {}, {});
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['log-visit started', 'log-visit started']);
    release.splice(0).forEach((r) => r());
    await Promise.all(visits);
    await new Promise((r) => setImmediate(r));
    expect(log.slice(4)).toEqual(['log-visit projected up to 2', 'record-personal-details started']);
    release.splice(0).forEach((r) => r());
    await details;
    await sequence.settled();
    expect(log.at(-1)).toBe('record-personal-details projected up to 3');
  });

  it('does not wait before a write whose preparation reads no read model', async () => {
    const { log, sequence, release } = fakeService({ held: true });
    void sequence.run(anOperation('register-resident'), principal, {}, {});
    void sequence.run(anOperation('confirm-adoption', 'no read model'), principal, {}, {});
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['register-resident started', 'confirm-adoption started']);
    release.splice(0).forEach((r) => r());
    await sequence.settled();
  });
});
