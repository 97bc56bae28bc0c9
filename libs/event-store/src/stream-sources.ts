import {
  jetstreamManager,
  type JetStreamManager,
  type StreamConfig,
  type StreamSource,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DEFAULT_STREAM_SETTINGS, type EventStreamSettings } from './stream-setup';

/**
 * The province hub's event stream is a copy: it has no subjects of its own and sources every commune's
 * stream from that commune's leaf nats-server, whose JetStream domain is `c<commune code>`
 * (deploy/nats/leaf/nats-leaf.conf, docs/operations.md "A province hub and commune leaf nodes"). Each
 * commune's stream keeps its one writer, so optimistic concurrency stays where an event was first written.
 */
export const communeDomain = (commune: string): string => `c${commune}`;

const COMMUNE_API = /^\$JS\.c(\d+)\.API$/;

/** The commune a source of the hub's stream reads from, by its JetStream domain; null for any other source. */
export function communeOfSource(source: StreamSource): string | null {
  const api = source.external?.api ?? '';
  return COMMUNE_API.exec(api)?.[1] ?? null;
}

const sourceOf = (commune: string, streamName: string): StreamSource => ({
  name: streamName,
  external: { api: `$JS.${communeDomain(commune)}.API`, deliver: '' },
});

export interface HubStreamSettings {
  readonly streamName: string;
  readonly replicas: number;
  readonly duplicateWindowMs: number;
}

/**
 * Makes the hub's stream source the commune's stream: creates the hub's stream with that one source if
 * it is missing, adds the source if it is not there yet, and changes nothing otherwise. A source added
 * again after it was removed resumes after the last message the hub holds from it (nats-server finds it
 * by the `Nats-Stream-Source` header), so nothing is sourced twice. Answers whether anything changed.
 */
export async function addCommuneSource(
  nc: NatsConnection,
  commune: string,
  settings: Partial<HubStreamSettings> = {},
): Promise<{ readonly created: boolean; readonly added: boolean }> {
  if (!/^\d{5}$/.test(commune))
    throw new Error(
      `Mã xã gồm 5 chữ số, không phải "${commune}" / A commune code has five digits, not "${commune}"`,
    );
  const s = { ...DEFAULT_STREAM_SETTINGS, ...settings };
  const jsm = await jetstreamManager(nc);
  const existing = await jsm.streams.info(s.streamName).catch(() => null);
  if (!existing) {
    await jsm.streams.add(hubStreamConfig(s, [sourceOf(commune, s.streamName)]));
    return { created: true, added: true };
  }
  const sources = existing.config.sources ?? [];
  if (existing.config.subjects?.length)
    throw new Error(
      `${s.streamName} ở đây là luồng của một xã, không phải bản sao của tỉnh / ${s.streamName} here records ` +
        `its own subjects: it is a commune's stream, not the hub's copy (connect to the hub's NATS_URL)`,
    );
  if (sources.some((src) => communeOfSource(src) === commune)) return { created: false, added: false };
  await jsm.streams.update(s.streamName, {
    ...existing.config,
    sources: [...sources, sourceOf(commune, s.streamName)],
  });
  return { created: false, added: true };
}

/** The hub's stream: no subjects (nothing is appended here), sources only, kept like every event stream. */
function hubStreamConfig(
  s: Pick<EventStreamSettings, 'streamName' | 'replicas' | 'duplicateWindowMs'>,
  sources: StreamSource[],
): Partial<StreamConfig> & { name: string } {
  return {
    name: s.streamName,
    subjects: [],
    sources,
    storage: 'file',
    retention: 'limits',
    num_replicas: s.replicas,
    duplicate_window: s.duplicateWindowMs * 1_000_000,
    deny_delete: true,
    deny_purge: true,
    allow_rollup_hdrs: false,
    allow_direct: true,
  };
}

/**
 * Starts a commune's source again from the last message the hub holds from it: the remedy for a source
 * that stopped advancing (nats-server issues #6206, #8346, #8630; docs/operations.md "Source lag"). On a
 * clustered hub the stream's leader steps down, which restarts every source; on a single server the
 * source is removed and added back.
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
  if (config.num_replicas > 1) {
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
}

/**
 * Each sourced commune's position, read without trusting the source's own `lag` and `active` (which stay
 * at 0 while a stalled source delivers nothing: nats-server #8346): the sequence of the commune's last
 * record of its own subjects, asked of its domain, beside the commune sequence in the
 * `Nats-Stream-Source` header of the last message of those subjects the hub holds. Both ends look at the
 * same subjects: a commune's stream also holds records of the whole deployment (signing keys, under
 * `DEPLOYMENT_COMMUNE`), and the hub cannot tell which commune's copy of those it holds last — compared
 * with the commune's whole stream, a commune whose last record was a signing key read as behind for ever,
 * and its source as stalled.
 *
 * A look costs the same however long the history: a last message by a wildcard costs nats-server time in
 * proportion to the subjects it matches (≈ 55 ms of server CPU per look at a million events, every few
 * seconds for every commune of a province), so each end is first asked by one literal subject — the
 * commune for its stream's last message, the hub for its last copy on that message's subject — and by the
 * commune's wildcard only when that does not settle it (the last record was a deployment-wide one, the
 * hub is behind, or the commune does not answer). docs/benchmarks.md "Federation" measures a look.
 */
export async function sourcePositions(
  nc: NatsConnection,
  settings: Pick<EventStreamSettings, 'streamName' | 'subjectPrefix'> = DEFAULT_STREAM_SETTINGS,
  timeoutMs = 2000,
): Promise<SourcePosition[]> {
  // Looked at every few seconds: no JetStream API check ahead of each look (the stream info is one).
  const jsm = await jetstreamManager(nc, { timeout: timeoutMs, checkAPI: false });
  const { config } = await jsm.streams.info(settings.streamName);
  const communes = (config.sources ?? []).map(communeOfSource).filter((c): c is string => c !== null);
  return Promise.all(
    communes.map(async (commune) => {
      const ownPrefix = `${settings.subjectPrefix}.${commune}.`;
      const atCommune = await communeLastOwn(nc, commune, settings.streamName, ownPrefix, timeoutMs);
      const hubLast = await hubLastOwn(jsm, settings.streamName, ownPrefix, atCommune);
      return { commune, communeLast: atCommune?.seq ?? null, hubLast };
    }),
  );
}

/** A stream's last record on some subjects: its sequence and subject (sequence 0: none). */
interface LastRecord {
  readonly seq: number;
  readonly subject: string;
}
const NO_RECORD: LastRecord = { seq: 0, subject: '' };

/** JetStream's answer to a message get: the message, or why not (10037: no message on those subjects). */
interface MessageGetAnswer {
  readonly message?: LastRecord;
  readonly error?: { readonly err_code?: number };
}
const NO_MESSAGE_FOUND = 10037;

/**
 * The commune's last record of its own subjects (`ownPrefix…`), asked of its own server across the leaf
 * link: its stream's last message (`>` is answered without a search), and only when that one is a record
 * of the whole deployment, the last one by the commune's wildcard. Null when the commune does not answer
 * (or answers with any other error).
 */
async function communeLastOwn(
  nc: NatsConnection,
  commune: string,
  streamName: string,
  ownPrefix: string,
  timeoutMs: number,
): Promise<LastRecord | null> {
  const api = `$JS.${communeDomain(commune)}.API.STREAM.MSG.GET.${streamName}`;
  const lastOn = async (subjects: string): Promise<LastRecord | null> => {
    try {
      const body = JSON.stringify({ last_by_subj: subjects });
      const answer = (await nc.request(api, body, { timeout: timeoutMs })).json<MessageGetAnswer>();
      if (answer.message) return { seq: answer.message.seq, subject: answer.message.subject };
      return answer.error?.err_code === NO_MESSAGE_FOUND ? NO_RECORD : null;
    } catch {
      return null;
    }
  };
  const last = await lastOn('>');
  if (last === null || last.seq === 0 || last.subject.startsWith(ownPrefix)) return last;
  return lastOn(`${ownPrefix}>`);
}

/**
 * The commune sequence of the last copy the hub holds of the commune's own records: the copy on the
 * subject of the commune's last record when that is it (the hub is current), else the last by the
 * commune's wildcard (the hub is behind, the commune has none, or it does not answer).
 */
async function hubLastOwn(
  jsm: JetStreamManager,
  streamName: string,
  ownPrefix: string,
  atCommune: LastRecord | null,
): Promise<number> {
  const lastSourcedOn = (subjects: string): Promise<number> =>
    jsm.streams
      .getMessage(streamName, { last_by_subj: subjects })
      .then((m) => sourcedSequence(m?.header?.get('Nats-Stream-Source') ?? ''))
      .catch((err: Error) => {
        if (/no message found/i.test(err.message)) return 0;
        throw err;
      });
  if (atCommune && atCommune.seq > 0 && (await lastSourcedOn(atCommune.subject)) === atCommune.seq)
    return atCommune.seq;
  return lastSourcedOn(`${ownPrefix}>`);
}

/** The origin's sequence in a `Nats-Stream-Source` header: `CNSCD_EVENTS:<hash> 42 > >` → 42. */
export function sourcedSequence(header: string): number {
  const seq = Number(header.split(' ')[1]);
  return Number.isInteger(seq) && seq > 0 ? seq : 0;
}
