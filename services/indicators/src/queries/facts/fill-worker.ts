// A worker thread of the parallel rebuild (decision 0014): it decodes the commits the main thread hands
// it (whole communes, in stream order), gathers their facts and count changes and writes them with its
// own connections, as the single-threaded fill does — without the checkpoint, which the fill writes
// once every worker is done.
import { parentPort, workerData } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { CommitDecoder, type RecordedEvent, type UnreadableCommit } from '@cnscd/event-store';
import { openDatabase } from '@cnscd/read-model';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { unpackCommits } from './commit-packing';
import { FactGatherer, WRITES_IN_FLIGHT } from './fact-gatherer';
import type { FillWorkerData, ToWorker, FromWorker } from './fill-worker-messages';

const { url, schema, subjectPrefix } = workerData as FillWorkerData;
const port = parentPort!;
const say = (message: FromWorker) => port.postMessage(message);

async function run(): Promise<void> {
  const rm = await openDatabase<unknown>({ url, maxConnections: WRITES_IN_FLIGHT + 1 });
  const db = rm.db.withSchema(schema) as unknown as Kysely<FactsDatabase>;
  const decoder = new CommitDecoder(undefined, subjectPrefix);
  const gatherer = new FactGatherer(schema, {
    write: (_to, work) => db.transaction().execute(work),
    onWritten: (to, events) => say({ type: 'written', to, events }),
  });
  // Messages are handled one after another: each waits for the one before it.
  let queue = Promise.resolve();
  const handle = async (message: ToWorker): Promise<void> => {
    if (message.type === 'end') {
      await gatherer.finish();
      await rm.close();
      say({ type: 'done' });
      return;
    }
    const events: RecordedEvent[] = [];
    const unreadable: UnreadableCommit[] = [];
    let position = 0;
    for (const commit of unpackCommits(message)) {
      const bad = decoder.decodeInto(events, commit);
      if (bad) unreadable.push(bad);
      position = commit.position;
    }
    await gatherer.add(events, unreadable, position);
    say({ type: 'taken' });
  };
  port.on('message', (message: ToWorker) => {
    queue = queue
      .then(() => handle(message))
      .catch(async (err: Error) => {
        say({ type: 'failed', message: err.message });
        await gatherer.settled();
        await rm.close().catch(() => undefined);
        port.close();
      });
  });
}

run().catch((err: Error) => say({ type: 'failed', message: err.message }));
