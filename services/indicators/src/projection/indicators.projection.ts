import type { Transaction } from 'kysely';
import { IndicatorsEvents, MerchantsEvents, OutreachEvents, TrainingEvents } from '@cnscd/contracts';
import type { RecordedEvent } from '@cnscd/event-store';
import type { Projection } from '@cnscd/read-model';
import { vietnamDay } from '../engine/days';
import type { FactsDatabase } from '../infrastructure/read-model';
import { factsOf } from './facts-of';

type Trx = Transaction<FactsDatabase>;

const CONTRACTS: Record<string, Record<string, { schema: { safeParse(d: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } } }>> = {
  outreach: OutreachEvents,
  merchants: MerchantsEvents,
  training: TrainingEvents,
  indicators: IndicatorsEvents,
};

/**
 * Turns every event that moves an indicator into dated facts (`factsOf`), one row per fact, keyed by
 * the event id: applying an event twice writes nothing new. An event that does not match its
 * contract is parked with the reason (GET /v1/admin/parked), never fatal.
 */
export const indicatorsProjection: Projection<FactsDatabase> = {
  name: 'indicators.facts',
  batchSize: 1000,
  async apply(trx, events) {
    for (const e of events) {
      const contract = CONTRACTS[e.stream.context]?.[e.type];
      if (!contract) continue;
      const check = contract.schema.safeParse(e.data);
      if (!check.success) {
        const issue = check.error!.issues[0]!;
        await park(trx, e, `${issue.path.join('.') || '(data)'}: ${issue.message}`);
        continue;
      }
      await write(trx, e);
    }
  },
};

async function park(trx: Trx, e: RecordedEvent, reason: string) {
  await trx
    .insertInto('parked_events')
    .values({ event_id: e.eventId, position: e.position, type: e.type, context: e.stream.context, reason: reason.slice(0, 500), recorded_at: e.recordedAt })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

async function write(trx: Trx, e: RecordedEvent) {
  const base = { commune: e.stream.commune, recorded_at: e.recordedAt };
  const seq = e.position * 100 + e.index;
  const on = vietnamDay(e.occurredAt);
  for (const f of factsOf(e, on)) {
    switch (f.table) {
      case 'f_residents':
        await trx.insertInto('f_residents').values({ ...base, ...f.row } as never).onConflict((oc) => oc.columns(['commune', 'resident_key']).doNothing()).execute();
        break;
      case 'f_places':
        await trx.insertInto('f_places').values({ ...base, ...f.row } as never).onConflict((oc) => oc.columns(['commune', 'place_id']).doNothing()).execute();
        break;
      case 'f_commune_names':
        await trx.insertInto('f_commune_names').values({ commune: e.stream.commune, ...f.row } as never).onConflict((oc) => oc.column('commune').doNothing()).execute();
        break;
      case 'f_work':
        await trx.insertInto('f_work').values({ ...base, event_id: e.eventId, ...f.row } as never).onConflict((oc) => oc.columns(['event_id', 'village']).doNothing()).execute();
        break;
      default:
        await trx
          .insertInto(f.table)
          .values({ ...base, event_id: `${e.eventId}${f.suffix ?? ''}`, seq, ...f.row } as never)
          .onConflict((oc) => oc.column('event_id').doNothing())
          .execute();
    }
  }
}
