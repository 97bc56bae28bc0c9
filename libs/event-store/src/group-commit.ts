import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders, nuid, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';

/** One commit on its way to the stream, with what guards it. */
export interface Publication {
  readonly subject: string;
  readonly data: string;
  /** JetStream's duplicate check (`Nats-Msg-Id`). */
  readonly msgID: string;
  /** The subject's last sequence the commit expects; undefined: any. */
  readonly expectedSequence?: number;
  readonly trace?: { readonly traceparent: string; readonly tracestate?: string };
}

export type Acknowledgement = Pick<PubAck, 'seq' | 'duplicate'>;

interface Waiting {
  readonly publication: Publication;
  readonly resolve: (ack: Acknowledgement) => void;
  readonly reject: (err: unknown) => void;
}

/** nats-server's default and largest atomic batch (`max_batch_size`, messages). */
export const MOST_IN_A_BATCH = 1_000;

/**
 * How long what waits stays behind a batch still unanswered. A batch is answered in milliseconds
 * (one disk flush); one that JetStream lost (a leader stepping down, a connection closed under it)
 * is only answered by its timeout, and all behind it would wait that out: measured in the cluster
 * benchmark's lame-duck phase, a 1.5 s pause with no command acknowledged. Past this, the next batch
 * goes anyway; the order of commits then holds as it did before group commit (decision 0019).
 */
export const HOLD_BEHIND_MS = 200;

/** Atomic batches are a stream setting of nats-server 2.12 and later (decision 0019). */
export const allowsAtomicBatches = (serverVersion: string | undefined): boolean => {
  const [major = 0, minor = 0] = (serverVersion ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 12);
};

/**
 * Group commit (decision 0019). With `sync_interval: always` nats-server flushes the disk for every
 * message it stores, so concurrent appends queue behind each other's flush. When the stream allows
 * atomic batches, commits that arrive while one is on its way wait for it and then go together, as one
 * atomic batch: one round trip and one disk flush for all of them, each acknowledged (and durable) when
 * the batch is. A batch JetStream refuses as a whole (a conflict, a resend inside the duplicate window,
 * a limit) is sent again commit by commit, so each gets its own answer as if it had gone alone; one
 * left unanswered is answered so to each commit, which its caller sends again as before.
 *
 * Commits leave in the order they were handed over, whichever way they go: `AppendOrder` (decision
 * 0013) still holds — unless a batch goes unanswered for `HOLD_BEHIND_MS` and is then refused, when
 * its commits follow those sent meanwhile, as any commit sent again after no answer always has. A
 * batch never holds a subject twice (nats-server refuses a second expectation on one subject in a
 * batch): the batch ends before it, and it goes with the next.
 *
 * Even two commits go as a batch, though nats-server stages each batch in a file store of its own
 * (≈ 1.5 ms of its CPU): answered together, they are handled together downstream, which saves more
 * than that (measured against a floor of 16, decision 0019 "Why not").
 */
export class GroupCommit {
  private readonly waiting: Waiting[] = [];
  private sending = false;
  /** Resolved at the first commit: whether the stream allows atomic batches. */
  private atomic: boolean | undefined;
  private checking: Promise<boolean> | undefined;

  /** Batches of two or more commits stored at once, and the commits they held. */
  readonly stats = { batches: 0, batchedCommits: 0 };

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly timeoutMs: number,
    private readonly streamAllowsAtomic: () => Promise<boolean>,
  ) {}

  publish(publication: Publication): Promise<Acknowledgement> {
    if (this.atomic === false) return this.publishAlone(publication);
    if (this.atomic === undefined)
      // Until the stream has answered, commits wait for it in the order they came.
      return this.modeKnown().then(() => this.publish(publication));
    if (!this.sending) {
      // Nothing on its way: this one goes at once, alone, and what comes meanwhile waits behind it.
      this.sending = true;
      const sent = this.publishAlone(publication);
      void atMost(sent, HOLD_BEHIND_MS).then(() => this.sendWaiting());
      return sent;
    }
    return new Promise((resolve, reject) => this.waiting.push({ publication, resolve, reject }));
  }

  private modeKnown(): Promise<boolean> {
    this.checking ??= this.streamAllowsAtomic().then(
      (allowed) => (this.atomic = allowed),
      () => {
        this.checking = undefined; // not known yet (JetStream away): commits go alone, asked again next time
        return false;
      },
    );
    return this.checking;
  }

  /** Sends what waits, a batch at a time; what arrives meanwhile waits for the next. */
  private async sendWaiting(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const [only, ...more] = this.nextBatch();
        if (!only) break;
        await atMost(
          more.length === 0 ? this.sendAlone(only) : this.sendTogether([only, ...more]),
          HOLD_BEHIND_MS,
        );
      }
    } finally {
      this.sending = false;
    }
  }

  private nextBatch(): Waiting[] {
    const subjects = new Set<string>();
    for (const { publication } of this.waiting) {
      if (subjects.size === MOST_IN_A_BATCH || subjects.has(publication.subject)) break;
      subjects.add(publication.subject);
    }
    return this.waiting.splice(0, subjects.size);
  }

  private sendAlone(w: Waiting): Promise<void> {
    return this.publishAlone(w.publication).then(w.resolve, w.reject);
  }

  private publishAlone(p: Publication): Promise<PubAck> {
    return this.js.publish(p.subject, p.data, {
      msgID: p.msgID,
      expect: p.expectedSequence === undefined ? {} : { lastSubjectSequence: p.expectedSequence },
      ...(p.trace ? { headers: traceHeaders(p.trace) } : {}),
    });
  }

  private async sendTogether(batch: Waiting[]): Promise<void> {
    const id = nuid.next();
    let answer: { error?: unknown; seq?: number; count?: number };
    try {
      const last = batch.length;
      let reply;
      for (const [i, { publication: p }] of batch.entries()) {
        const headers = batchHeaders(p, id, i + 1, i + 1 === last);
        if (i + 1 < last) this.nc.publish(p.subject, p.data, { headers });
        else reply = this.nc.request(p.subject, p.data, { headers, timeout: this.timeoutMs });
      }
      answer = (await reply!).json();
    } catch (err) {
      // No answer (a timeout, no responders, a closed connection): the batch may or may not be kept.
      for (const w of batch) w.reject(err);
      return;
    }
    if (answer.error || answer.seq === undefined || answer.count !== batch.length) {
      // Refused as a whole, so nothing of it was kept: each commit again on its own, in order.
      await Promise.all(batch.map((w) => this.sendAlone(w)));
      return;
    }
    this.stats.batches++;
    this.stats.batchedCommits += batch.length;
    const first = answer.seq - batch.length + 1; // an atomic batch is stored contiguously
    batch.forEach((w, i) => w.resolve({ seq: first + i, duplicate: false }));
  }
}

/** Resolves when `work` has ended, however it ended (its caller sees how), or after `ms`, whichever comes first. */
function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const ended = () => {
      clearTimeout(timer);
      resolve();
    };
    work.then(ended, ended);
  });
}

function traceHeaders(trace: NonNullable<Publication['trace']>, h: MsgHdrs = natsHeaders()): MsgHdrs {
  h.set('traceparent', trace.traceparent);
  if (trace.tracestate) h.set('tracestate', trace.tracestate);
  return h;
}

/**
 * The header an append's expected last sequence of its subject travels in, kept by nats-server with the
 * commit (`EventStore.readStream` walks a history back by it).
 */
export const EXPECTED_LAST_SUBJECT_SEQUENCE = 'Nats-Expected-Last-Subject-Sequence';

function batchHeaders(p: Publication, id: string, sequence: number, commit: boolean): MsgHdrs {
  const h = natsHeaders();
  h.set('Nats-Msg-Id', p.msgID);
  if (p.expectedSequence !== undefined) h.set(EXPECTED_LAST_SUBJECT_SEQUENCE, `${p.expectedSequence}`);
  h.set('Nats-Batch-Id', id);
  h.set('Nats-Batch-Sequence', `${sequence}`);
  if (commit) h.set('Nats-Batch-Commit', '1');
  if (p.trace) traceHeaders(p.trace, h);
  return h;
}
