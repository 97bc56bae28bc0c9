import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DEFAULT_STREAM_SETTINGS, type EventStreamSettings } from './stream-setup';
import { communeDomain, communeOfSource } from './stream-sources';

// How far the province hub's copy of each commune's stream has come (the source watch, `npm run stream
// -- sources`), and the remedy for a source that stopped advancing, which must know that first.

/**
 * Starts a commune's source again from the last message the hub holds from it: the remedy for a source
 * that stopped advancing (nats-server issues #6206, #8346, #8630; docs/operations.md "Source lag"). On a
 * clustered hub the stream's leader steps down, which restarts every source; on a single server the
 * source is removed and added back. Refused while the commune's stream — on a cluster, any commune's —
 * has diverged from the hub's copy (`SourcePosition.diverged`): a restarted source would skip that
 * commune's records up to the hub's position for good. Only the communes it restarts are looked at.
 */
export async function restartCommuneSource(
  nc: NatsConnection,
  commune: string,
  streamName: string = DEFAULT_STREAM_SETTINGS.streamName,
): Promise<'leader-stepped-down' | 'source-re-added'> {
  const jsm = await jetstreamManager(nc);
  const { config } = await jsm.streams.info(streamName);
  const sources = config.sources ?? [];
  const own = sources.find((src) => communeOfSource(src) === commune);
  if (!own)
    throw new Error(
      `Tỉnh chưa sao chép xã ${commune} / ${streamName} has no source for commune ${commune}: ` +
        `add it with npm run stream -- add-commune ${commune}`,
    );
  // A leader's step-down restarts every source, so on a cluster no commune may have diverged.
  const clustered = config.num_replicas > 1;
  const settings = { ...DEFAULT_STREAM_SETTINGS, streamName };
  const looked = await sourcePositions(nc, settings, clustered ? {} : { communes: [commune] });
  const diverged = looked.filter((p) => p.diverged).map((p) => p.commune);
  if (diverged.length > 0)
    throw new Error(
      `Luồng của xã ${diverged.join(', ')} không còn là luồng tỉnh đã sao chép; khởi động lại nguồn sẽ làm ` +
        `mất bản ghi / The stream of commune ${diverged.join(', ')} diverged from the hub's copy (created ` +
        `again, or restored from an older backup): restarting ${clustered ? 'the sources' : 'its source'} ` +
        `would skip its records up to the hub's position. See docs/operations.md "A commune's stream that ` +
        `diverged".`,
    );
  if (clustered) {
    await nc.request(`$JS.API.STREAM.LEADER.STEPDOWN.${streamName}`, '', { timeout: 5000 });
    return 'leader-stepped-down';
  }
  await jsm.streams.update(streamName, { ...config, sources: sources.filter((src) => src !== own) });
  await jsm.streams.update(streamName, { ...config, sources });
  return 'source-re-added';
}

/** How far the hub's copy of one commune's stream has come. */
export interface SourcePosition {
  readonly commune: string;
  /**
   * The commune stream's sequence of its last record of the commune (its own subjects); null when its
   * server does not answer (the link is down), 0 when it has none yet.
   */
  readonly communeLast: number | null;
  /** The commune's stream sequence of the last message the hub holds from it (0: none yet). */
  readonly hubLast: number;
  /**
   * The commune's stream is not the one the hub copied: at the hub's last position it holds no record,
   * or another than the hub's copy — it was created again or restored from an older backup. nats-server
   * then copies nothing the commune records until its sequence passes the hub's, and `restart-source`
   * would skip those records for good (docs/operations.md "A commune's stream that diverged").
   */
  readonly diverged: boolean;
  /**
   * When diverged: the hub's copy the commune's stream does not hold at its sequence. Passed back to the
   * next look (`SourceLookOptions.missing`), it is asked for again, so that the commune stays diverged
   * while the hub copies its new records past that position (where the two ends agree again).
   */
  readonly missing?: SourcedRecord;
}

/** One record of a stream: its sequence, subject and message id (sequence 0: none). */
export interface SourcedRecord {
  readonly seq: number;
  readonly subject: string;
  readonly msgId?: string;
}
const NO_RECORD: SourcedRecord = { seq: 0, subject: '' };

export interface SourceLookOptions {
  /** How long each end may take to answer (ms). */
  readonly timeoutMs?: number;
  /** The copies found missing at the last look, by commune (`SourcePosition.missing`). */
  readonly missing?: ReadonlyMap<string, SourcedRecord>;
  /** Only these communes' sources (all when absent). */
  readonly communes?: readonly string[];
}

/**
 * Each sourced commune's position, read without trusting the source's own `lag` and `active` (which stay
 * at 0 while a stalled source delivers nothing: nats-server #8346): the sequence of the commune's last
 * record of its own subjects, asked of its domain, beside the commune sequence in the
 * `Nats-Stream-Source` header of the last message of those subjects the hub holds. Both ends look at the
 * same subjects: a commune's stream also holds records of the whole deployment (signing keys, under
 * `DEPLOYMENT_COMMUNE`), and the hub cannot tell which commune's copy of those it holds last — compared
 * with the commune's whole stream, a commune whose last record was a signing key read as behind for ever,
 * and its source as stalled. When the two differ, the commune is asked for its record at the hub's last
 * position, which must be the one the hub copied (`diverged`), and so for a copy found missing before.
 *
 * A look costs the same however long the history: a last message by a wildcard costs nats-server time in
 * proportion to the subjects it matches (19 ms of both servers' CPU per look at a million events, every
 * few seconds for every commune of a province), so each end is first asked by one literal subject — the
 * commune for its stream's last message, the hub for its last copy on that message's subject — and by the
 * commune's wildcard only when that does not settle it (the last record was a deployment-wide one, the
 * hub is behind, or the commune does not answer). docs/benchmarks.md "Federation" measures a look.
 */
export async function sourcePositions(
  nc: NatsConnection,
  settings: Pick<EventStreamSettings, 'streamName' | 'subjectPrefix'> = DEFAULT_STREAM_SETTINGS,
  { timeoutMs = 2000, missing = new Map(), communes: only }: SourceLookOptions = {},
): Promise<SourcePosition[]> {
  // Looked at every few seconds: no JetStream API check ahead of each look (the stream info is one).
  const jsm = await jetstreamManager(nc, { timeout: timeoutMs, checkAPI: false });
  const { config } = await jsm.streams.info(settings.streamName);
  const communes = (config.sources ?? [])
    .map(communeOfSource)
    .filter((c): c is string => c !== null && (!only || only.includes(c)));
  return Promise.all(
    communes.map(async (commune) => {
      const ownPrefix = `${settings.subjectPrefix}.${commune}.`;
      const atCommune = new CommuneEnd(nc, commune, settings.streamName, timeoutMs);
      const communeLast = await atCommune.lastOwn(ownPrefix);
      const hubCopy = await hubLastOwn(jsm, settings.streamName, ownPrefix, communeLast);
      const position = { commune, communeLast: communeLast?.seq ?? null, hubLast: hubCopy.seq };
      if (communeLast === null) return { ...position, diverged: false };
      const before = missing.get(commune);
      if (before && !sameRecord(await atCommune.at(before.seq), before))
        return { ...position, diverged: true, missing: before };
      if (
        hubCopy.seq > 0 &&
        hubCopy.seq !== communeLast.seq &&
        !sameRecord(await atCommune.at(hubCopy.seq), hubCopy)
      )
        return { ...position, diverged: true, missing: hubCopy };
      return { ...position, diverged: false };
    }),
  );
}

/** Whether the commune's record (null: it did not answer) is the one the hub copied. */
function sameRecord(atCommune: SourcedRecord | null, hubCopy: SourcedRecord): boolean {
  if (atCommune === null) return true; // not known: judged at a later look
  return atCommune.subject === hubCopy.subject && atCommune.msgId === hubCopy.msgId;
}

/** JetStream's answer to a message get: the message, or why not (10037: no message on those subjects). */
interface MessageGetAnswer {
  readonly message?: { readonly seq: number; readonly subject: string; readonly hdrs?: string };
  readonly error?: { readonly err_code?: number };
}
const NO_MESSAGE_FOUND = 10037;
const MSG_ID = /^Nats-Msg-Id:\s*(.*?)\s*$/im;

/** A commune's stream, asked across its leaf link (`$JS.c<commune>.API`). */
class CommuneEnd {
  private readonly api: string;

  constructor(
    private readonly nc: NatsConnection,
    commune: string,
    streamName: string,
    private readonly timeoutMs: number,
  ) {
    this.api = `$JS.${communeDomain(commune)}.API.STREAM.MSG.GET.${streamName}`;
  }

  /**
   * The last record of the commune's own subjects (`ownPrefix…`): its stream's last message (`>` is
   * answered without a search), and only when that one is a record of the whole deployment, the last one
   * by the commune's wildcard. Null when the commune does not answer (or answers with another error).
   */
  async lastOwn(ownPrefix: string): Promise<SourcedRecord | null> {
    const last = await this.get({ last_by_subj: '>' });
    if (last === null || last.seq === 0 || last.subject.startsWith(ownPrefix)) return last;
    return this.get({ last_by_subj: `${ownPrefix}>` });
  }

  /** The record at a sequence (sequence 0: none there), or null when the commune does not answer. */
  at(seq: number): Promise<SourcedRecord | null> {
    return this.get({ seq });
  }

  private async get(query: object): Promise<SourcedRecord | null> {
    try {
      const body = JSON.stringify(query);
      const answer = (
        await this.nc.request(this.api, body, { timeout: this.timeoutMs })
      ).json<MessageGetAnswer>();
      if (answer.message) {
        const { seq, subject, hdrs } = answer.message;
        const msgId = MSG_ID.exec(hdrs ? Buffer.from(hdrs, 'base64').toString('utf8') : '')?.[1];
        return { seq, subject, ...(msgId ? { msgId } : {}) };
      }
      return answer.error?.err_code === NO_MESSAGE_FOUND ? NO_RECORD : null;
    } catch {
      return null;
    }
  }
}

/**
 * The last copy the hub holds of the commune's own records, by its commune sequence: the copy on the
 * subject of the commune's last record when that is it (the hub is current), else the last by the
 * commune's wildcard (the hub is behind, the commune has none, or it does not answer).
 */
async function hubLastOwn(
  jsm: JetStreamManager,
  streamName: string,
  ownPrefix: string,
  atCommune: SourcedRecord | null,
): Promise<SourcedRecord> {
  const lastSourcedOn = (subjects: string): Promise<SourcedRecord> =>
    jsm.streams
      .getMessage(streamName, { last_by_subj: subjects })
      .then((m) => {
        if (!m) return NO_RECORD;
        const seq = sourcedSequence(m.header?.get('Nats-Stream-Source') ?? '');
        const msgId = m.header?.get('Nats-Msg-Id');
        return { seq, subject: m.subject, ...(msgId ? { msgId } : {}) };
      })
      .catch((err: Error) => {
        if (/no message found/i.test(err.message)) return NO_RECORD;
        throw err;
      });
  if (atCommune && atCommune.seq > 0) {
    const copy = await lastSourcedOn(atCommune.subject);
    if (copy.seq === atCommune.seq) return copy;
  }
  return lastSourcedOn(`${ownPrefix}>`);
}

/** The origin's sequence in a `Nats-Stream-Source` header: `CNSCD_EVENTS:<hash> 42 > >` → 42. */
export function sourcedSequence(header: string): number {
  const seq = Number(header.split(' ')[1]);
  return Number.isInteger(seq) && seq > 0 ? seq : 0;
}
