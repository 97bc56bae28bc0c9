import { AUDIT_STREAM, AUDIT_SUBJECT_PREFIX } from '@cnscd/contracts';
import { jetstreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { allowsAtomicBatches } from './group-commit';

export interface EventStreamSettings {
  readonly streamName: string;
  readonly subjectPrefix: string;
  /** 1 for a single server, 3 for the clustered deployment. */
  readonly replicas: number;
  /**
   * How long JetStream remembers message ids, set when the stream is created (the command-id index
   * covers the rest: an id is unique for ever). Changed afterwards only with `npm run stream -- configure`.
   */
  readonly duplicateWindowMs: number;
  /**
   * The stream is the province hub's copy of the communes' streams (`stream-sources.ts`): it is never
   * created here (an operator adds each commune's source) and takes no appends.
   */
  readonly sourced: boolean;
}

export const DEFAULT_STREAM_SETTINGS: EventStreamSettings = {
  streamName: 'CNSCD_EVENTS',
  subjectPrefix: 'cnscd.evt',
  replicas: 1,
  duplicateWindowMs: 10 * 60_000,
  sourced: false,
};

/**
 * Creates the deployment's one event stream if it is missing. Events are never deleted or purged: both
 * are denied at the server. An existing stream is never changed here — services may not update it
 * (deploy/nats/permissions.conf); its settings are changed by an operator with `npm run stream --
 * configure` (docs/operations.md). Answers how the existing stream differs from `settings`.
 */
export async function ensureEventStream(
  nc: NatsConnection,
  settings: EventStreamSettings = DEFAULT_STREAM_SETTINGS,
): Promise<{ readonly created: boolean; readonly differences: readonly string[] }> {
  const jsm = await jetstreamManager(nc);
  // Appends that meet go to the disk together (decision 0019); a 2.10 server knows no such setting.
  const atomic = allowsAtomicBatches(nc.info?.version);
  const wanted: Partial<StreamConfig> & { name: string } = {
    name: settings.streamName,
    subjects: [`${settings.subjectPrefix}.>`],
    storage: 'file',
    retention: 'limits',
    num_replicas: settings.replicas,
    duplicate_window: settings.duplicateWindowMs * 1_000_000,
    deny_delete: true,
    deny_purge: true,
    allow_rollup_hdrs: false,
    allow_direct: true,
    max_msgs: -1,
    max_bytes: -1,
    max_age: 0,
    ...(atomic ? { allow_atomic: true } : {}),
  };
  const existing = await jsm.streams.info(settings.streamName).catch((err: unknown) => {
    if (isStreamNotFound(err)) return null;
    throw err;
  });
  if (settings.sourced) {
    if (!existing?.config.sources?.length)
      throw new Error(
        `Chưa có luồng sao chép các xã / The hub's stream ${settings.streamName} sources no commune yet: ` +
          `add one with npm run stream -- add-commune <code> (docs/operations.md)`,
      );
    return { created: false, differences: [] };
  }
  if (!existing) {
    await jsm.streams.add(wanted).catch(async (err: unknown) => {
      // Another service created it meanwhile.
      if (
        !(await jsm.streams.info(settings.streamName).then(
          () => true,
          () => false,
        ))
      )
        throw err;
    });
    return { created: true, differences: [] };
  }
  const c = existing.config;
  const differences = [
    ...(c.num_replicas !== wanted.num_replicas
      ? [`replicas ${c.num_replicas}, wanted ${wanted.num_replicas}`]
      : []),
    ...(atomic && c.allow_atomic !== true
      ? ['atomic batches off, wanted on (--atomic-batches on): appends are stored one disk flush each']
      : []),
  ];
  return { created: false, differences };
}

function isStreamNotFound(err: unknown): boolean {
  return (
    err instanceof Error && (err.name === 'StreamNotFoundError' || /stream not found/i.test(err.message))
  );
}

/** Refusals are kept two years, then dropped by the server (the accepted commands are events, kept forever). */
const AUDIT_MAX_AGE_NS = 2 * 366 * 24 * 3600 * 1e9;

/** Creates the audit stream if missing. Refusals are not events: they may expire, and nothing is rebuilt from them. */
export async function ensureAuditStream(nc: NatsConnection, replicas = 1): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const exists = await jsm.streams.info(AUDIT_STREAM).then(
    () => true,
    () => false,
  );
  if (!exists)
    await jsm.streams
      .add({
        name: AUDIT_STREAM,
        subjects: [`${AUDIT_SUBJECT_PREFIX}.>`],
        storage: 'file',
        retention: 'limits',
        num_replicas: replicas,
        max_age: AUDIT_MAX_AGE_NS,
        deny_delete: true,
        deny_purge: true,
      })
      .catch(async (err: Error) => {
        // Another service created it meanwhile.
        if (
          !(await jsm.streams.info(AUDIT_STREAM).then(
            () => true,
            () => false,
          ))
        )
          throw err;
      });
}
