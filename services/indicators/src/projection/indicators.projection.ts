import type { Transaction } from 'kysely';
import { IndicatorsEvents, MerchantsEvents, OutreachEvents, TrainingEvents } from '@cnscd/contracts';
import type { Projection } from '@cnscd/read-model';
import { vietnamDay } from '../engine/days';
import type { FactsDatabase } from '../infrastructure/read-model';
import { factsOf } from './facts-of';

type Trx = Transaction<FactsDatabase>;

const CONTRACTS: Record<
  string,
  Record<
    string,
    {
      schema: {
        safeParse(d: unknown): {
          success: boolean;
          error?: { issues: { path: PropertyKey[]; message: string }[] };
        };
      };
    }
  >
> = {
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
    const rows = new Map<keyof FactsDatabase, Record<string, unknown>[]>();
    const add = (table: keyof FactsDatabase, row: Record<string, unknown>) =>
      (rows.get(table) ?? rows.set(table, []).get(table)!).push(row);
    for (const e of events) {
      const contract = CONTRACTS[e.stream.context]?.[e.type];
      if (!contract) continue;
      const check = contract.schema.safeParse(e.data);
      if (!check.success) {
        const issue = check.error!.issues[0]!;
        const reason = `${issue.path.join('.') || '(data)'}: ${issue.message}`.slice(0, 500);
        add('parked_events', {
          event_id: e.eventId,
          position: e.position,
          type: e.type,
          context: e.stream.context,
          reason,
          recorded_at: e.recordedAt,
        });
        continue;
      }
      const base = { commune: e.stream.commune, recorded_at: e.recordedAt };
      const seq = e.position * 100 + e.index;
      for (const f of factsOf(e, vietnamDay(e.occurredAt))) {
        if (f.table === 'f_residents' || f.table === 'f_places') add(f.table, { ...base, ...f.row });
        else if (f.table === 'f_commune_names') add(f.table, { commune: e.stream.commune, ...f.row });
        else if (f.table === 'f_work') add(f.table, { ...base, event_id: e.eventId, ...f.row });
        else add(f.table, { ...base, event_id: `${e.eventId}${f.suffix ?? ''}`, seq, ...f.row });
      }
    }
    for (const [table, all] of rows) await insertAll(trx, table, all);
  },
};

/** The columns that make a fact unique: a fact written twice is ignored (idempotent redelivery). */
const KEYS: Record<keyof FactsDatabase, string[]> = {
  f_residents: ['commune', 'resident_key'],
  f_places: ['commune', 'place_id'],
  f_commune_names: ['commune'],
  f_work: ['event_id', 'village'],
  f_residence: ['event_id'],
  f_adoption: ['event_id'],
  f_merchant_status: ['event_id'],
  f_onboarding: ['event_id'],
  f_designation: ['event_id'],
  f_denominator: ['event_id'],
  f_counted_stage: ['event_id'],
  f_target: ['event_id'],
  f_report_notes: ['event_id'],
  f_report_submission: ['event_id'],
  parked_events: ['event_id'],
};

/** Multi-row inserts, in chunks that stay far below PostgreSQL's 65,535 parameters per statement. */
async function insertAll(trx: Trx, table: keyof FactsDatabase, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 2000) as never)
      .onConflict((oc) => oc.columns(KEYS[table] as never).doNothing())
      .execute();
  }
}
