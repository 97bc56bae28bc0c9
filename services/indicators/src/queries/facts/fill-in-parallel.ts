import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '@cnscd/event-store';
import { CommitPacker, partitionOf, type PackedCommits } from './commit-packing';
import type { FillWorkerData, FromWorker, ToWorker } from './fill-worker-messages';

/** Commits read from the stream per batch, and handed to a worker per message. */
const READ_COMMITS = 1000;
const COMMITS_PER_MESSAGE = 250;
/**
 * Messages a worker may hold before the reader waits for it: enough that it never waits for the
 * reader, few enough that the commits held stay small (each message ≈ 150 KB).
 */
const MESSAGES_IN_FLIGHT = 4;

/**
 * The worker threads of a parallel rebuild load the service's compiled JavaScript the way the service
 * does (`scripts/built.cjs`, decision 0004), whatever started this process (the service, a benchmark,
 * the tests).
 */
const WORKER_ENTRY = resolve(__dirname, 'fill-worker.ts');
const LOADER = resolve(__dirname, '../../../../../scripts/built.cjs');

/**
 * The worker threads a rebuild starts unless told otherwise: one per core, at most four (the reading
 * thread, nats-server and PostgreSQL share the same cores).
 */
export const rebuildWorkersDefault = (): number => Math.min(4, availableParallelism());

export interface ParallelFill {
  /** PostgreSQL's connection string: each worker writes through its own connections. */
  readonly url: string;
  readonly workers: number;
}

/**
 * Reads the whole stream and hands its commits, undecoded, to `workers` worker threads, each commune
 * to one of them (`partitionOf`), which decode, gather and write their facts (decision 0014): the
 * reading thread only moves bytes. Answers the position of the last commit read once every worker has
 * written everything; the first failure stops every worker and is thrown.
 */
export async function readInParallel(
  store: EventStore,
  schema: string,
  parallel: ParallelFill,
  onWritten: (to: number, events: number) => void,
): Promise<number> {
  const workers = new FillWorkers(
    parallel.workers,
    { url: parallel.url, schema, subjectPrefix: store.subjectPrefix },
    onWritten,
  );
  const packers = Array.from({ length: parallel.workers }, () => new CommitPacker());
  const prefix = store.subjectPrefix.length;
  let position = 0;
  try {
    for await (const batch of store.readAllRaw({ batchSize: READ_COMMITS })) {
      for (const commit of batch.commits) {
        const part = partitionOf(commit.subject, prefix, parallel.workers);
        const packer = packers[part]!;
        packer.add(commit);
        if (packer.count >= COMMITS_PER_MESSAGE) await workers.send(part, packer.take());
      }
      position = batch.position;
    }
    for (const [part, packer] of packers.entries())
      if (packer.count > 0) await workers.send(part, packer.take());
    await workers.end();
    return position;
  } catch (err) {
    await workers.terminate();
    throw err;
  }
}

interface Running {
  readonly worker: Worker;
  inFlight: number;
  done: boolean;
}

/** The worker threads, the messages each holds, and the first failure among them. */
class FillWorkers {
  private readonly running: Running[];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(count: number, data: FillWorkerData, onWritten: (to: number, events: number) => void) {
    this.running = Array.from({ length: count }, () => {
      const worker = new Worker(WORKER_ENTRY, { workerData: data, execArgv: ['--require', LOADER] });
      const running: Running = { worker, inFlight: 0, done: false };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'written') onWritten(message.to, message.events);
        else if (message.type === 'taken') running.inFlight -= 1;
        else if (message.type === 'done') running.done = true;
        else this.fail(new Error(message.message));
        this.wakeUp();
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (!running.done) this.fail(new Error(`a rebuild worker thread stopped (exit code ${code})`));
      });
      return running;
    });
  }

  /** Hands packed commits to a worker, once it holds fewer than `MESSAGES_IN_FLIGHT`. */
  async send(part: number, packed: PackedCommits): Promise<void> {
    const running = this.running[part]!;
    await this.until(() => running.inFlight < MESSAGES_IN_FLIGHT);
    running.inFlight += 1;
    const message: ToWorker = { type: 'commits', buffer: packed.buffer, length: packed.length };
    running.worker.postMessage(message, [packed.buffer]);
  }

  /** Tells every worker the stream has ended and waits until each has written everything. */
  async end(): Promise<void> {
    for (const { worker } of this.running) worker.postMessage({ type: 'end' } satisfies ToWorker);
    await this.until(() => this.running.every((r) => r.done));
    await Promise.all(this.running.map(({ worker }) => worker.terminate()));
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('the rebuild was stopped');
    await Promise.all(this.running.map(({ worker }) => worker.terminate()));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Waits until `ready()`; throws the first failure of any worker. */
  private async until(ready: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (ready()) return;
      await new Promise<void>((wake) => (this.wake = wake));
    }
  }
}
