import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_STREAM_SETTINGS, communeDomain, sourcePositions } from '@cnscd/event-store';
import { cpuCounterOfAll } from './machine-cpu';
import { timed } from './timing';

const LOOKS = 200;
const { streamName: STREAM, subjectPrefix } = DEFAULT_STREAM_SETTINGS;

/** A look's time (p50, p95 in ms) and the CPU it costs every nats-server on the machine (ms per look). */
export interface LookCost {
  readonly p50: number;
  readonly p95: number;
  readonly serverCpuMs: number;
}

async function costOf(look: () => Promise<unknown>): Promise<LookCost> {
  const serverCpu = cpuCounterOfAll('nats-server');
  const { p50, p95 } = await timed(LOOKS, look);
  return { p50, p95, serverCpuMs: (serverCpu() * 1000) / (LOOKS + 1) };
}

/**
 * What the source watch's look at one commune costs (`sourcePositions`, every few seconds on the
 * province hub), beside the least a look at both ends can cost — one message get by sequence at the
 * commune across the leaf link and one at the hub, raw JetStream — and beside a look by the commune's
 * wildcard at both ends (the look before 2026-12-07), whose cost grows with the commune's subjects.
 */
export async function sourceLookCosts(hub: NatsConnection, commune: string) {
  const jsm = await jetstreamManager(hub, { checkAPI: false });
  const atCommune = (body: object) =>
    hub.request(`$JS.${communeDomain(commune)}.API.STREAM.MSG.GET.${STREAM}`, JSON.stringify(body));
  const hubLastSeq = (await jsm.streams.info(STREAM)).state.last_seq;
  const communeLastSeq = (await sourcePositions(hub))[0]!.communeLast!;
  const raw = await costOf(() =>
    Promise.all([atCommune({ seq: communeLastSeq }), jsm.streams.getMessage(STREAM, { seq: hubLastSeq })]),
  );
  const wildcard = `${subjectPrefix}.${commune}.>`;
  const byWildcard = await costOf(() =>
    Promise.all([
      atCommune({ last_by_subj: wildcard }),
      jsm.streams.getMessage(STREAM, { last_by_subj: wildcard }),
    ]),
  );
  const look = await costOf(() => sourcePositions(hub));
  return { raw, look, byWildcard };
}
