import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startCommuneLeaf, startNatsHub, until, type RunningHub, type RunningLeaf } from '@cnscd/testing';
import {
  DEFAULT_STREAM_SETTINGS,
  EventStore,
  ReadOnlyCopyError,
  addCommuneSource,
  ensureEventStream,
  restartCommuneSource,
  sourcePositions,
  type SourcedRecord,
} from './index';
import { aVisit, logged, meta } from './testing/store-under-test';

jest.setTimeout(60_000);

const COMMUNE = '99001';
const STREAM = DEFAULT_STREAM_SETTINGS.streamName;

let hub: RunningHub;
let leaf: RunningLeaf;
let hubNc: NatsConnection;
let leafNc: NatsConnection;
let atCommune: EventStore;

beforeAll(async () => {
  hub = await startNatsHub();
  leaf = await startCommuneLeaf(hub, COMMUNE);
  hubNc = await connect({ ...hub.as(), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  leafNc = await connect(leaf.as());
  await ensureEventStream(leafNc);
  atCommune = await EventStore.create(leafNc);
});

afterAll(async () => {
  await hubNc?.close();
  await leafNc?.close();
  await leaf?.stop();
  await hub?.stop();
});

const seen = (communeLast: number, hubLast: number, diverged = false) => ({
  commune: COMMUNE,
  communeLast,
  hubLast,
  diverged,
  ...(diverged ? { missing: expect.objectContaining({ seq: hubLast }) } : {}),
});

/** Visits recorded at the commune, one commit each. */
async function recordVisits(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await atCommune.append(aVisit(COMMUNE), 0, [logged(i)], meta());
}

/** Resolves once the hub holds every commit the commune has, by the positions the source watch reads. */
const hubCurrent = (ms = 20_000) =>
  until(
    'the hub holding every commit of the commune',
    async () => {
      const [p] = await sourcePositions(hubNc);
      return p?.communeLast !== null && p?.hubLast === p?.communeLast;
    },
    ms,
    100,
  );

/** How many copies the hub holds of each of the commune's commits (by its commit id, the message id). */
async function copiesPerCommit(): Promise<number[]> {
  const hubStore = await EventStore.create(hubNc, { sourced: true });
  const copies = new Map<string, number>();
  for await (const batch of hubStore.readAll())
    for (const e of batch.events)
      copies.set(e.metadata.commandId, (copies.get(e.metadata.commandId) ?? 0) + 1);
  return [...copies.values()];
}

describe('the province hub’s copy of a commune’s stream (one hub server)', () => {
  it('is created with the first commune, keeps no subjects of its own, and adding the commune again changes nothing', async () => {
    await recordVisits(3);
    expect(await addCommuneSource(hubNc, COMMUNE)).toEqual({ created: true, added: true });
    expect(await addCommuneSource(hubNc, COMMUNE)).toEqual({ created: false, added: false });
    const { config } = await (await jetstreamManager(hubNc)).streams.info(STREAM);
    expect(config.subjects ?? []).toEqual([]);
    expect(config.sources).toHaveLength(1);
    expect(config.deny_delete && config.deny_purge).toBe(true);
    await hubCurrent();
    expect(await sourcePositions(hubNc)).toEqual([seen(3, 3)]);
  });

  it('refuses to turn a commune’s own stream into a copy', async () => {
    await expect(addCommuneSource(leafNc, '99002')).rejects.toThrow(/records its own subjects/);
  });

  it('takes no append through a store that knows it is a copy', async () => {
    const copy = await EventStore.create(hubNc, { sourced: true });
    await expect(copy.append(aVisit(COMMUNE), 0, [logged(0)], meta())).rejects.toBeInstanceOf(
      ReadOnlyCopyError,
    );
  });

  it('reads the commune as unreachable while the leaf link is cut, and as behind once it is back', async () => {
    await leaf.link.cut();
    await until(
      'the commune unreachable',
      async () => (await sourcePositions(hubNc))[0]?.communeLast === null,
    );
    await recordVisits(2);
    await leaf.link.mend();
    await hubCurrent();
    expect(await sourcePositions(hubNc)).toEqual([seen(5, 5)]);
  });

  it('resumes a source re-added after the hub’s restart from the last copy it holds: nothing copied twice', async () => {
    await hub.nodes[0]!.crash();
    await recordVisits(2);
    await hub.nodes[0]!.start();
    // The hub answers, and sees the commune again: its leaf has reconnected (through the proxy only:
    // the hub's test config advertises an address that never resolves, libs/testing nats-federation.ts).
    await until(
      'the hub answering again, the commune reachable',
      async () => ((await sourcePositions(hubNc))[0]?.communeLast ?? null) !== null,
    );
    await recordVisits(1);
    expect(await restartCommuneSource(hubNc, COMMUNE)).toBe('source-re-added');
    await hubCurrent();
    expect(await sourcePositions(hubNc)).toEqual([seen(8, 8)]);
    const copies = await copiesPerCommit();
    expect(copies).toHaveLength(8);
    expect(copies.every((n) => n === 1)).toBe(true);
  });

  it('compares the commune’s own records at both ends: a last record of the whole deployment leaves the hub current', async () => {
    // A commune's stream also holds records of the whole deployment (the identity service's signing
    // keys, under DEPLOYMENT_COMMUNE): the hub copies them, but cannot tell whose copy it holds last.
    await atCommune.append(aVisit('00000'), 0, [logged(0)], meta());
    const hubMessages = async () =>
      (await (await jetstreamManager(hubNc)).streams.info(STREAM)).state.messages;
    await until('the hub holding the deployment’s record', async () => (await hubMessages()) === 9);
    expect(await sourcePositions(hubNc)).toEqual([seen(8, 8)]);
  });
  it('reads the hub as behind when the commune’s last record is newer than the hub’s copy on that same subject', async () => {
    const visit = aVisit(COMMUNE);
    const { position } = await atCommune.append(visit, 0, [logged(0)], meta());
    await hubCurrent();
    const jsm = await jetstreamManager(hubNc);
    const { config } = await jsm.streams.info(STREAM);
    // The source made to let nothing more through, as a stalled one would.
    const blocked = config.sources!.map((s) => ({ ...s, filter_subject: `cnscd.evt.${COMMUNE}.none.>` }));
    await jsm.streams.update(STREAM, { ...config, sources: blocked });
    await atCommune.append(visit, position, [logged(1)], meta());
    expect(await sourcePositions(hubNc)).toEqual([seen(11, 10)]);

    await jsm.streams.update(STREAM, config);
    await restartCommuneSource(hubNc, COMMUNE);
    await hubCurrent();
    expect(await sourcePositions(hubNc)).toEqual([seen(11, 11)]);
  });
  it('reads the commune’s stream as diverged once it is created again: its records are not the ones the hub copied, and its source is not restarted', async () => {
    // The source made to let nothing through, so that what the hub holds stays as it is whatever
    // nats-server's source does with a stream created again (it copies nothing up to the hub's position).
    const jsm = await jetstreamManager(hubNc);
    const { config } = await jsm.streams.info(STREAM);
    const blocked = config.sources!.map((s) => ({ ...s, filter_subject: `cnscd.evt.${COMMUNE}.none.>` }));
    await jsm.streams.update(STREAM, { ...config, sources: blocked });
    // The commune's server lost its store and starts again on an empty stream.
    await leafNc.close();
    await leaf.stop();
    leaf = await startCommuneLeaf(hub, COMMUNE);
    leafNc = await connect(leaf.as());
    await ensureEventStream(leafNc);
    atCommune = await EventStore.create(leafNc);
    await until(
      'the new commune server answering the hub',
      async () => (await sourcePositions(hubNc))[0]?.communeLast === 0,
    );
    expect(await sourcePositions(hubNc)).toEqual([seen(0, 11, true)]);
    await recordVisits(5);
    expect(await sourcePositions(hubNc)).toEqual([seen(5, 11, true)]);
    // Past the hub's position: the record at 11 is there now, but not the one the hub copied.
    await recordVisits(7);
    expect(await sourcePositions(hubNc)).toEqual([seen(12, 11, true)]);
    await expect(restartCommuneSource(hubNc, COMMUNE)).rejects.toThrow(/diverged/);

    // Once the hub copies the new stream's records past its position, both ends agree again: only the
    // copy found missing, asked for again at each look (as the source watch does), keeps it diverged.
    const missing: SourcedRecord = (await sourcePositions(hubNc))[0]!.missing!;
    // Told apart by its message id (the commit's), which both ends read; not by its subject alone.
    expect(missing).toMatchObject({ seq: 11, msgId: expect.stringMatching(/^99001\.outreach\./) });
    await jsm.streams.update(STREAM, config);
    await hubCurrent();
    expect(await sourcePositions(hubNc)).toEqual([seen(12, 12)]);
    expect(await sourcePositions(hubNc, undefined, { missing: new Map([[COMMUNE, missing]]) })).toEqual([
      { ...seen(12, 12), diverged: true, missing },
    ]);
  });
});
