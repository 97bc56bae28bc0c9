import { randomUUID } from 'node:crypto';
import { IndicatorsEvents, VILLAGE_REGISTER } from '@cnscd/contracts';
import { contentHash, type EventStore } from '@cnscd/event-store';

/** The villages every test commune has: `thon-1` … `thon-9`, called "Thôn 1" … "Thôn 9". */
export const TEST_VILLAGES: readonly string[] = Array.from({ length: 9 }, (_, i) => `thon-${i + 1}`);

/** "thon-q1" → "Thôn Q1": a name for a test village. */
export const testVillageName = (code: string) =>
  `Thôn ${code
    .replace(/^thon-/, '')
    .toUpperCase()
    .replace(/-/g, ' ')}`;

const SEEDER = { organisationId: 'cnscd-test', userId: 'seed-villages' };

/**
 * Registers the villages in each commune, as its People's Committee would through the indicators
 * service (from 2000-01-01, so any test date lies within them): a write naming a village is only
 * accepted once its commune has registered it. Codes a commune already has are left as they are.
 */
export async function seedVillages(
  store: EventStore,
  communes: readonly string[],
  codes: readonly string[] = TEST_VILLAGES,
): Promise<void> {
  const { schema, version } = IndicatorsEvents.VillageRegistered;
  for (const commune of communes) {
    const stream = {
      commune,
      context: VILLAGE_REGISTER.context,
      aggregateType: VILLAGE_REGISTER.aggregateType,
      aggregateId: commune,
    };
    const { revision, events } = await store.readStream(stream);
    const known = new Set(events.map((e) => (e.data as { villageCode: string }).villageCode));
    const fresh = [...new Set(codes)].filter((code) => !known.has(code));
    if (fresh.length === 0) continue;
    const data = fresh.map((villageCode) =>
      schema.parse({ villageCode, name: testVillageName(villageCode), effectiveDate: '2000-01-01' }),
    );
    const commandId = randomUUID();
    await store.append(
      stream,
      revision,
      data.map((d) => ({ type: 'VillageRegistered', data: d, schemaVersion: version })),
      {
        commandId,
        commandHash: contentHash({ type: 'SeedVillages', stream, data }),
        actor: SEEDER,
        correlationId: commandId,
        causationId: commandId,
        occurredAt: new Date().toISOString(),
      },
    );
  }
}
