import {
  DeliverPolicy,
  type Consumer,
  type JetStreamClient,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import { filterSubject, subjectMatcher, type StreamFilter } from './stream-ref';

/**
 * Above this share of the messages left to read, a filter is applied in the client, not by the server.
 *
 * nats-server (2.10, and 2.11 by nats-io/nats-server#7014 and #7852) finds each next message of a
 * wildcard filter by going through the matching subjects of the message block it reads, so a filter
 * that lets through most of a stream with one subject per aggregate costs far more than reading it
 * all: 100,000 events with one commune's filter 18.3 s, unfiltered 1.0 s; the outreach projection's
 * filter (96% of them) 13.1 s. A filter matching few messages stays cheap on the server (the merchants'
 * 4%: 0.18 s) and saves sending the rest. Where both cost the same (measured, one commune of four:
 * 24% in 1.0 s either way) is the threshold (docs/benchmarks.md, "Filtered reading").
 */
export const SERVER_FILTER_MAX_SHARE = 0.2;

/**
 * Whether the server should filter: it lets through few of the messages left (`matching` of `all`), or
 * none (then it only waits for new ones: a live tail, see `EventStore.subscribe`).
 */
export const filterOnServer = (matching: number, all: number): boolean =>
  matching === 0 || matching < all * SERVER_FILTER_MAX_SHARE;

export interface OrderedReading {
  readonly consumer: Consumer;
  /** Messages the consumer left in: a subject test when the filter is applied here, or null. */
  readonly matches: ((subject: string) => boolean) | null;
  /** Messages matching the filter left to read from its start. */
  readonly pending: number;
}

export interface OrderedStart {
  /** After this stream position; ignored when `fromTime` is set. */
  readonly after?: number;
  readonly fromTime?: Date;
  readonly filter?: StreamFilter;
}

/**
 * An ordered consumer over the stream from a start, with the filter applied wherever it costs less
 * (`SERVER_FILTER_MAX_SHARE`), or by the server when `onServer` (a live tail). A filter on the whole
 * event prefix is no filter: the stream holds nothing else (and a province hub's copy, which has no
 * subjects of its own, only what it sourced).
 */
export async function openOrdered(
  js: JetStreamClient,
  stream: string,
  prefix: string,
  start: OrderedStart,
  { onServer = false }: { onServer?: boolean } = {},
): Promise<OrderedReading> {
  const from: Partial<OrderedConsumerOptions> = start.fromTime
    ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: start.fromTime.toISOString() }
    : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: (start.after ?? 0) + 1 };
  const subject = filterSubject(start.filter, prefix);
  // A copy each time: the client writes its generated consumer name into the options it is given.
  const ordered = async (filter?: string) => {
    // One filter as a string (`filter_subject`), never a one-element list: nats-server 2.10's
    // multi-filter path is up to 10x slower on replay (measured, docs/benchmarks.md).
    const consumer = await js.consumers.get(stream, {
      ...from,
      ...(filter ? { filter_subjects: filter } : {}),
    });
    return { consumer, pending: (await consumer.info(true)).num_pending };
  };
  if (subject === `${prefix}.>`) return { ...(await ordered()), matches: null };
  if (onServer) return { ...(await ordered(subject)), matches: null };
  const [part, whole] = await Promise.all([ordered(subject), ordered()]);
  const [kept, dropped] = filterOnServer(part.pending, whole.pending) ? [part, whole] : [whole, part];
  // Never consumed, it would otherwise stay on the server until its inactivity threshold.
  await dropped.consumer.delete().catch(() => undefined);
  return kept === part
    ? { ...part, matches: null }
    : { consumer: whole.consumer, pending: part.pending, matches: subjectMatcher(start.filter, prefix) };
}
