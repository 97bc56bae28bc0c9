import { jetstreamManager, type StreamConfig, type StreamSource } from '@nats-io/jetstream';
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
