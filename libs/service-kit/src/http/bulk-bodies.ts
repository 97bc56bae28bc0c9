import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { WritesBusyError } from '../errors';
import { log } from '../observability/log';
import { BodyTooSlowError, retryAfterSeconds, toProblem, type ProblemDetails } from '../problem-details';

/** A body up to this size passes at once: a single command is a few hundred bytes. */
export const BULK_BODY_BYTES = 16 * 1024;

/**
 * The default bound on the bytes of bulk bodies read and under way at once (`BULK_BYTES_IN_FLIGHT`):
 * eight batches of 200 visits, each ≈ 0.5 MB in the heap while it runs — and one batch's 200 items
 * already fill the 128 write slots. 1 MiB until 2026-12-07: 17 batches, ≈ 6 MiB more of outreach's
 * peak under 256 partners' batches for the same items/s (decision 0024).
 */
export const BULK_BYTES_IN_FLIGHT = 512 * 1024;

/**
 * The default time a bulk body let in has to arrive whole (`BULK_BODY_TIMEOUT_MS`): 64 KB takes 13 s at
 * 5 KB/s, a phone on a poor link. A client that declares a body and stalls would otherwise hold its
 * bytes of the bound until Node.js gives up on the request (5 minutes).
 */
export const BULK_BODY_TIMEOUT_MS = 30_000;

/**
 * The default bound on bulk requests waiting their turn (`BULK_WAITING_MAX`); past it a bulk request is
 * refused at once, 503 `busy`. Each one waiting holds its first read (up to 64 KB: usually a batch's
 * whole body) and its request's objects, ≈ 80 KB: 64 of them ≈ 5 MB, and ≈ 5 s of a partner's batches
 * of 200 queued on this machine class (2,400 items/s). Unbounded, the memory followed every client that
 * posted at once (decision 0024).
 */
export const BULK_WAITING_MAX = 64;

interface Turn {
  readonly weight: number;
  readonly go: () => void;
  state: 'waiting' | 'admitted' | 'left';
}

/**
 * The bytes of bulk request bodies (a batch, a CSV import) that a service reads and runs at once. A
 * request's memory follows its body — parsed, run item by item, answered item by item: ≈ 0.4–0.6 MB for
 * a batch of 200 visits, 60 KB on the wire — and the write slots (`writeSlots`) bound only the items
 * under way, not the requests holding them: 128 partners' batches sent at once took outreach's RSS from
 * 183 to 266 MiB, for no more throughput, since four batches already fill its 128 write slots
 * (docs/benchmarks.md, the write path). Past the bound a request waits its turn with its body unread:
 * it holds a connection, and the client's bytes stay in the socket — all but the first read's, up to
 * 64 KB, which brought the headers and usually a batch's whole body (≈ 16 MB of outreach's memory with
 * 256 partners' batches waiting), held unparsed.
 *
 * First come, first served. A body counts its declared length, at most half the bound, so one import of
 * 2 MB never waits for an empty service and never keeps small batches out on its own; a body of unknown
 * length (chunked) counts half the bound. At most `waitingMax` wait: the next is refused (`WritesBusyError`,
 * 503 `busy` with `Retry-After`), which a partner's service and the field app resend — every item has
 * its command id, so nothing is recorded twice.
 */
export class BulkBodies {
  private used = 0;
  private readonly queue: Turn[] = [];
  private admitted = 0;
  /** Bulk requests refused because as many waited as allowed, since the process started. */
  refused = 0;

  constructor(
    private budget: number = BULK_BYTES_IN_FLIGHT,
    /** How long a body let in has to arrive whole before its connection is closed. */
    public bodyTimeoutMs: number = BULK_BODY_TIMEOUT_MS,
    /** How many may wait (0: no bound). */
    private waitingMax: number = BULK_WAITING_MAX,
  ) {}

  /**
   * The service's bounds, at start-up (`BULK_BYTES_IN_FLIGHT`, `BULK_BODY_TIMEOUT_MS`,
   * `BULK_WAITING_MAX`).
   */
  configure(bounds: { bytesInFlight: number; bodyTimeoutMs?: number; waitingMax?: number }): void {
    this.budget = bounds.bytesInFlight;
    this.bodyTimeoutMs = bounds.bodyTimeoutMs ?? this.bodyTimeoutMs;
    this.waitingMax = bounds.waitingMax ?? this.waitingMax;
    this.admitNext();
  }

  /** Bulk requests read and under way now. */
  get reading(): number {
    return this.admitted;
  }

  /** Bulk requests waiting, unread, for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Calls `go` once a body of `bytes` may be read (at once if it fits and nobody waits). Answers `leave`,
   * to be called once the request is answered or its client went away: it gives the bytes back, or
   * takes the request out of the queue if it was still waiting. Calling it again does nothing. Throws
   * `WritesBusyError` when the request would have to wait and as many wait already as allowed.
   */
  admit(bytes: number, go: () => void): () => void {
    const turn: Turn = { weight: Math.min(bytes, this.budget / 2), go, state: 'waiting' };
    this.queue.push(turn);
    this.admitNext();
    if (turn.state === 'waiting' && this.waitingMax > 0 && this.queue.length > this.waitingMax) {
      this.queue.pop();
      this.refused++;
      throw new WritesBusyError(this.queue.length);
    }
    return () => this.leave(turn);
  }

  private leave(turn: Turn): void {
    if (turn.state === 'admitted') {
      this.used -= turn.weight;
      this.admitted--;
    } else if (turn.state === 'waiting') this.queue.splice(this.queue.indexOf(turn), 1);
    turn.state = 'left';
    this.admitNext();
  }

  private admitNext(): void {
    for (let next = this.queue[0]; next && this.used + next.weight <= this.budget; next = this.queue[0]) {
      this.queue.shift();
      next.state = 'admitted';
      this.used += next.weight;
      this.admitted++;
      next.go();
    }
  }
}

/** The process's one budget, shared by every route: `runService` sets its bound. */
export const bulkBodies = new BulkBodies();

/** What a request's body will count: its declared length, 0 without a body, unknown (chunked) as Infinity. */
export function bodyBytesOf(req: Pick<Request, 'headers'>): number {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) || 0;
  return req.headers['transfer-encoding'] ? Infinity : 0;
}

/** Answers a problem from the middleware, before any route (`ProblemDetailsFilter` answers the routes'). */
function answer(res: Response, problem: ProblemDetails, headers: Record<string, string>, sent?: () => void) {
  res.locals.problemCode = problem.code; // for the request's log line (observeRequests)
  res.status(problem.status).set(headers).type('application/problem+json');
  res.end(JSON.stringify(problem), sent);
}

/** Answers `408 body-too-slow` (the client can still read it) and closes the connection. */
function tooSlow(req: Request, res: Response, bytes: number, timeoutMs: number): void {
  log().warn({ bytes, timeoutMs }, 'bulk body not received in time: connection closed');
  if (res.headersSent) return void req.destroy();
  answer(res, toProblem(new BodyTooSlowError(timeoutMs)), { Connection: 'close' }, () => req.destroy());
}

/**
 * Express middleware, before the body parsers: a bulk body (over `BULK_BODY_BYTES`) is read only in its
 * turn (`BulkBodies`), and must then arrive whole within `bodyTimeoutMs`, or it is answered
 * `408 body-too-slow`, its connection closed and its bytes given back. Past the waiting places it is
 * answered `503 busy` with `Retry-After` (3–7 s) at once, its body unread (Node.js discards it). `mayWait`, when
 * given, checks a request before it takes a place (its credential: `credentialBeforeWaiting`); what it
 * throws is answered at once, so that a caller without a valid key never holds a partner's place. The
 * request goes on in its own async context (its trace), whichever request's answer let it in.
 */
export function bulkBodiesInTurn(budget: BulkBodies = bulkBodies, mayWait?: (req: Request) => Promise<void>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const bytes = bodyBytesOf(req);
    if (bytes <= BULK_BODY_BYTES) return next();
    if (mayWait)
      try {
        await mayWait(req);
      } catch (err) {
        return answer(res, toProblem(err), {});
      }
    const inTurn = () => {
      const late = setTimeout(() => tooSlow(req, res, bytes, budget.bodyTimeoutMs), budget.bodyTimeoutMs);
      const arrived = () => clearTimeout(late);
      req.once('end', arrived);
      res.once('close', arrived);
      next();
    };
    let leave: () => void;
    try {
      leave = budget.admit(bytes, AsyncResource.bind(inTurn));
    } catch (err) {
      return answer(res, toProblem(err), { 'Retry-After': String(retryAfterSeconds()) });
    }
    res.once('close', leave);
  };
}
