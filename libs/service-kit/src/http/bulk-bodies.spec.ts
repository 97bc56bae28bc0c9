import { EventEmitter } from 'node:events';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, Response } from 'express';
import { CredentialRefused } from '../auth/credential-directory';
import { WritesBusyError } from '../errors';
import { RETRY_AFTER_SECONDS, retryAfterSeconds } from '../problem-details';
import { loadServiceConfig } from '../service/service-config';
import {
  BULK_BODY_BYTES,
  BULK_BODY_TIMEOUT_MS,
  BULK_BYTES_IN_FLIGHT,
  BULK_WAITING_MAX,
  BulkBodies,
  bodyBytesOf,
  bulkBodiesInTurn,
} from './bulk-bodies';

const KB = 1024;

/** Requests that record when they were let in, each with its `leave`. */
function arrivals(budget: BulkBodies) {
  const admitted: string[] = [];
  const leave: Record<string, () => void> = {};
  /** Requests arriving in this order, each with its body's size in KiB. */
  const arrive = (...requests: [name: string, kib: number][]) => {
    for (const [name, kib] of requests) leave[name] = budget.admit(kib * KB, () => admitted.push(name));
  };
  return { admitted, leave, arrive };
}

describe('bulk bodies', () => {
  it('let bodies in while their bytes fit, and the next in the order they came as bytes are given back', () => {
    const budget = new BulkBodies(200 * KB);
    const { admitted, leave, arrive } = arrivals(budget);
    arrive(['a', 60], ['b', 60], ['c', 60], ['d', 60], ['e', 10]);
    expect(admitted).toEqual(['a', 'b', 'c']);
    // First come, first served: the small body waits behind the one that does not fit yet.
    expect([budget.reading, budget.waiting]).toEqual([3, 2]);
    leave['b']!();
    expect(admitted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([budget.reading, budget.waiting]).toEqual([4, 0]);
  });

  it('count a body larger than half the bound as half, so that a large import neither waits for an empty service nor keeps batches out alone', () => {
    const budget = new BulkBodies(1000 * KB);
    const { admitted, arrive } = arrivals(budget);
    arrive(['batch', 60], ['import', 2000], ['another batch', 60], ['another import', 2000]);
    expect(admitted).toEqual(['batch', 'import', 'another batch']);
  });

  it('take a client that went away while waiting out of the queue, and give bytes back only once', () => {
    const budget = new BulkBodies(100 * KB);
    const { admitted, leave, arrive } = arrivals(budget);
    arrive(['a', 50], ['b', 50], ['gone', 50], ['c', 50]);
    leave['gone']!();
    expect(budget.waiting).toBe(1);
    leave['a']!();
    leave['a']!();
    expect(admitted).toEqual(['a', 'b', 'c']);
    expect([budget.reading, budget.waiting]).toEqual([2, 0]);
  });

  it('let waiting bodies in at once when the bound is raised', () => {
    const budget = new BulkBodies(100 * KB);
    const { admitted, arrive } = arrivals(budget);
    arrive(['a', 50], ['b', 50], ['c', 50]);
    budget.configure({ bytesInFlight: 150 * KB });
    expect(admitted).toEqual(['a', 'b', 'c']);
  });

  it('refuse a body that would wait when as many wait as allowed, and let it wait again once one has gone in', () => {
    const budget = new BulkBodies(100 * KB, BULK_BODY_TIMEOUT_MS, 2);
    const { admitted, leave, arrive } = arrivals(budget);
    arrive(['a', 60], ['b', 60], ['c', 60], ['d', 60]);
    expect(() => arrive(['e', 60])).toThrow(WritesBusyError);
    expect([budget.reading, budget.waiting, budget.refused]).toEqual([2, 2, 1]);
    leave['a']!();
    arrive(['f', 60]);
    leave['b']!();
    leave['c']!();
    expect(admitted).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('let any number wait when BULK_WAITING_MAX is 0 (no bound)', () => {
    const budget = new BulkBodies(100 * KB, BULK_BODY_TIMEOUT_MS, 0);
    const { admitted, arrive } = arrivals(budget);
    arrive(['a', 60], ...Array.from({ length: 500 }, (_, i): [string, number] => [`w${i}`, 60]));
    expect([admitted, budget.waiting, budget.refused]).toEqual([['a', 'w0'], 499, 0]);
  });

  it('read a body’s declared length, none without one, and an unknown length (chunked) as unbounded', () => {
    expect(bodyBytesOf({ headers: { 'content-length': '61440' } })).toBe(61_440);
    expect(bodyBytesOf({ headers: {} })).toBe(0);
    expect(bodyBytesOf({ headers: { 'transfer-encoding': 'chunked' } })).toBe(Infinity);
  });
});

describe('the bulk bodies middleware', () => {
  const request = (bytes: number) =>
    Object.assign(new EventEmitter(), {
      headers: { 'content-length': String(bytes) },
      destroy: jest.fn(),
    }) as unknown as Request & { destroy: jest.Mock };
  /** An answer that records what was sent, as Express's would. */
  const response = () => {
    const res = Object.assign(new EventEmitter(), {
      headersSent: false,
      locals: {},
      sent: { status: 0, headers: {} as Record<string, string>, body: '' },
      status: (status: number) => ((res.sent.status = status), res),
      set: (headers: Record<string, string>) => {
        for (const [name, value] of Object.entries(headers)) res.sent.headers[name.toLowerCase()] = value;
        return res;
      },
      type: (type: string) => res.set({ 'content-type': type }),
      end: (body: string, flushed?: () => void) => ((res.sent.body = body), flushed?.()),
    });
    return res as unknown as Response & { sent: typeof res.sent };
  };
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes small bodies at once, and lets a waiting bulk body go on in its own request’s async context once another is answered', () => {
    const budget = new BulkBodies(100 * KB);
    const inTurn = bulkBodiesInTurn(budget);
    const trace = new AsyncLocalStorage<string>();
    const went: string[] = [];
    const next = (name: string) => () => went.push(`${name} in ${trace.getStore()}`);
    const first = response();
    trace.run('small', () => inTurn(request(BULK_BODY_BYTES), response(), next('small')));
    for (const name of ['first', 'second', 'third'])
      trace.run(name, () => inTurn(request(60 * KB), name === 'first' ? first : response(), next(name)));
    expect(went).toEqual(['small in small', 'first in first', 'second in second']);
    trace.run('first', () => first.emit('close'));
    expect(went).toEqual(['small in small', 'first in first', 'second in second', 'third in third']);
    expect(budget.reading).toBe(2);
  });

  it('answers 408 to a body let in that has not arrived whole in time, closes its connection, which gives its bytes back', () => {
    const budget = new BulkBodies(100 * KB, 1_000);
    const inTurn = bulkBodiesInTurn(budget);
    const [stalled, arrived] = [request(60 * KB), request(60 * KB)];
    const stalledAnswer = response();
    inTurn(stalled, stalledAnswer, () => undefined);
    inTurn(arrived, response(), () => undefined);
    arrived.emit('end');
    jest.advanceTimersByTime(999);
    expect(stalled.destroy).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(stalled.destroy).toHaveBeenCalledTimes(1);
    expect(arrived.destroy).not.toHaveBeenCalled();
    expect(stalledAnswer.sent).toMatchObject({
      status: 408,
      headers: { connection: 'close', 'content-type': 'application/problem+json' },
    });
    expect(JSON.parse(stalledAnswer.sent.body)).toMatchObject({ code: 'body-too-slow', detail: '1 s' });
    // A destroyed request's answer closes: its bytes go back.
    stalledAnswer.emit('close');
    expect(budget.reading).toBe(1);
  });

  it('answers 503 busy with Retry-After at once to a body past the waiting places, leaving it unread', () => {
    const budget = new BulkBodies(100 * KB, BULK_BODY_TIMEOUT_MS, 1);
    const inTurn = bulkBodiesInTurn(budget);
    const went: number[] = [];
    const refused = response();
    [response(), response(), response(), refused].forEach((res, i) =>
      inTurn(request(60 * KB), res, () => went.push(i)),
    );
    expect(went).toEqual([0, 1]);
    expect(refused.sent).toMatchObject({
      status: 503,
      headers: { 'content-type': 'application/problem+json' },
    });
    expect(Number(refused.sent.headers['retry-after'])).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS - 2);
    expect(Number(refused.sent.headers['retry-after'])).toBeLessThanOrEqual(RETRY_AFTER_SECONDS + 2);
    expect(JSON.parse(refused.sent.body)).toMatchObject({ code: 'busy', status: 503 });
    expect(refused.locals).toEqual({ problemCode: 'busy' });
    expect([budget.waiting, budget.refused]).toEqual([1, 1]);
  });

  it('spreads the Retry-After of refused bulk requests over 3 to 7 s, 5 on average', () => {
    expect([0, 0.2, 0.5, 0.79, 0.999].map((r) => retryAfterSeconds(() => r))).toEqual([3, 4, 5, 6, 7]);
    const inTurn = bulkBodiesInTurn(new BulkBodies(100 * KB, BULK_BODY_TIMEOUT_MS, 1));
    const answers = Array.from({ length: 60 }, response);
    for (const res of answers) inTurn(request(60 * KB), res, () => undefined);
    const retryAfter = new Set(answers.slice(3).map((res) => res.sent.headers['retry-after']));
    expect(retryAfter.size).toBeGreaterThan(1);
  });

  it('answers at once what the check before waiting refuses, without taking a place, and lets the rest wait', async () => {
    const budget = new BulkBodies(100 * KB);
    const refuseNoKey = async (req: Request) => {
      if (!req.headers.authorization) throw new CredentialRefused('missing');
    };
    const inTurn = bulkBodiesInTurn(budget, refuseNoKey);
    const went: string[] = [];
    const withKey = () =>
      Object.assign(request(60 * KB), { headers: { 'content-length': '61440', authorization: 'k' } });
    for (const name of ['a', 'b', 'c']) await inTurn(withKey(), response(), () => went.push(name));
    const refused = response();
    await inTurn(request(60 * KB), refused, () => went.push('no key'));
    expect(went).toEqual(['a', 'b']);
    expect([budget.reading, budget.waiting]).toEqual([2, 1]);
    expect(refused.sent.status).toBe(401);
    expect(JSON.parse(refused.sent.body)).toMatchObject({ status: 401 });
  });

  it('is bounded to 512 KiB, 30 s and 64 waiting unless BULK_BYTES_IN_FLIGHT, BULK_BODY_TIMEOUT_MS and BULK_WAITING_MAX say otherwise', () => {
    const config = (env: NodeJS.ProcessEnv) => loadServiceConfig('outreach', 3001, {}, env).bulk;
    expect(config({})).toEqual({
      bytesInFlight: BULK_BYTES_IN_FLIGHT,
      bodyTimeoutMs: BULK_BODY_TIMEOUT_MS,
      waitingMax: BULK_WAITING_MAX,
    });
    expect([BULK_BYTES_IN_FLIGHT, BULK_WAITING_MAX]).toEqual([512 * KB, 64]);
    const env = { BULK_BYTES_IN_FLIGHT: '4194304', BULK_BODY_TIMEOUT_MS: '120000', BULK_WAITING_MAX: '0' };
    expect(config(env)).toEqual({ bytesInFlight: 4 * 1024 * KB, bodyTimeoutMs: 120_000, waitingMax: 0 });
    expect(() => config({ BULK_BYTES_IN_FLIGHT: '1000' })).toThrow(/BULK_BYTES_IN_FLIGHT/);
    expect(() => config({ BULK_BODY_TIMEOUT_MS: '10' })).toThrow(/BULK_BODY_TIMEOUT_MS/);
    expect(() => config({ BULK_WAITING_MAX: '-1' })).toThrow(/BULK_WAITING_MAX/);
  });
});
