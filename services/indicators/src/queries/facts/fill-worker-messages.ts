/** What a worker thread of the parallel rebuild is started with (decision 0014). */
export interface FillWorkerData {
  /** The PostgreSQL connection string: each worker writes through connections of its own. */
  readonly url: string;
  readonly schema: string;
  readonly subjectPrefix: string;
}

/** From the fill to a worker: packed commits (`CommitPacker`), or the end of the stream. */
export type ToWorker =
  | { readonly type: 'commits'; readonly buffer: ArrayBuffer; readonly length: number }
  | { readonly type: 'end' };

/**
 * From a worker to the fill: a batch of commits gathered (the fill may send another), a write
 * committed, every write committed after `end`, or the first failure (the worker stops).
 */
export type FromWorker =
  | { readonly type: 'taken' }
  | { readonly type: 'written'; readonly to: number; readonly events: number }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly message: string };
