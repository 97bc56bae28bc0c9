import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import { foldWith, type EventOf, type Projection } from '@cnscd/read-model';
import type { SealedDetails } from '@cnscd/contracts';
import type { OutreachDatabase } from '../infrastructure/read-model';
import type { ResidentVault } from '../infrastructure/resident-vault';
import { highestStage } from '../residents/adoption-policy';
import type { HouseholdEvent } from '../households/household.decider';
import type { ResidentEvent } from '../residents/resident.decider';

type Trx = Transaction<OutreachDatabase>;
type Any = RecordedEvent & (HouseholdEvent | ResidentEvent);
type Of<T extends Any['type']> = EventOf<Any, T>;
/** What each fold needs: the transaction, and the vault that opens the sealed details. */
interface Ctx {
  readonly trx: Trx;
  readonly vault: ResidentVault;
}

const ofHouseholdOrResident = (e: RecordedEvent) =>
  e.stream.aggregateType === 'household' || e.stream.aggregateType === 'resident';

/**
 * Residents with their household and sex (opened from the sealed details), their stage per indicator,
 * and households. Idempotent: every row remembers the position of the last event applied to it and
 * ignores events at or before it.
 */
export function residentsProjection(vault: ResidentVault): Projection<OutreachDatabase> {
  return {
    name: 'outreach.residents.v1',
    filter: { context: 'outreach' },
    batchSize: 500,
    // The service's visits pass the filter too: a batch of visits alone costs no transaction.
    handles: ofHouseholdOrResident,
    async apply(trx, events) {
      const ours = (events as Any[]).filter(ofHouseholdOrResident);
      for (const event of ours) await applyOne({ trx, vault }, event);
      await adoptions(trx, ours.filter(isAdoption));
    },
  };
}

async function householdRegistered({ trx }: Ctx, e: Of<'HouseholdRegistered'>) {
  await trx
    .insertInto('households')
    .values({
      commune: e.stream.commune,
      household_id: e.data.householdId,
      village_code: e.data.villageCode,
      code: e.data.code,
      registered_at: e.occurredAt,
    })
    .onConflict((oc) => oc.columns(['commune', 'household_id']).doNothing())
    .execute();
}

/** The resident's row, changed only by an event newer than the one it last took. */
const residentRow = (trx: Trx, e: Any & { data: { residentKey: string } }) =>
  trx
    .updateTable('residents')
    .where('commune', '=', e.stream.commune)
    .where('resident_key', '=', e.data.residentKey)
    .where('position', '<', e.position);

/** The columns the sealed details fill, opened with the resident's key (nothing once it is destroyed). */
async function opened(
  { trx, vault }: Ctx,
  e: Any & { data: { residentKey: string } },
  sealed: SealedDetails | null,
) {
  const details = sealed ? await vault.open(trx, e.stream.commune, e.data.residentKey, sealed) : null;
  return {
    household_id: details?.householdId ?? null,
    sex: details?.sex ?? null,
    personal: sealed && details ? JSON.stringify(sealed) : null,
  };
}

async function residentRegistered(ctx: Ctx, e: Of<'ResidentRegistered'>) {
  await ctx.trx
    .insertInto('residents')
    .values({
      commune: e.stream.commune,
      resident_key: e.data.residentKey,
      village_code: e.data.villageCode,
      birth_year: e.data.birthYear,
      identification: e.data.identification,
      consent: e.data.consent,
      status: 'registered',
      registered_at: e.occurredAt,
      moved_on: null,
      position: e.position,
      ...(await opened(ctx, e, e.data.personal)),
    })
    .onConflict((oc) => oc.columns(['commune', 'resident_key']).doNothing())
    .execute();
}

async function consentGiven(ctx: Ctx, e: Of<'ResidentConsentGiven'>) {
  const details = e.data.personal ? await opened(ctx, e, e.data.personal) : {};
  await residentRow(ctx.trx, e)
    .set({ consent: true, position: e.position, ...details })
    .execute();
}

async function personalDetailsRecorded(ctx: Ctx, e: Of<'ResidentPersonalDetailsRecorded'>) {
  await residentRow(ctx.trx, e)
    .set({ position: e.position, ...(await opened(ctx, e, e.data.personal)) })
    .execute();
}

async function consentWithdrawn({ trx }: Ctx, e: Of<'ResidentConsentWithdrawn'>) {
  await residentRow(trx, e)
    .set({ consent: false, household_id: null, sex: null, personal: null, position: e.position })
    .execute();
}

async function moved(ctx: Ctx, e: Of<'ResidentMoved'>) {
  await residentRow(ctx.trx, e)
    .set({
      village_code: e.data.toVillage,
      moved_on: e.data.effectiveDate,
      position: e.position,
      ...(await opened(ctx, e, e.data.personal)),
    })
    .execute();
}

async function erased({ trx, vault }: Ctx, e: Of<'ResidentErased'>) {
  await residentRow(trx, e)
    .set({
      status: 'erased',
      consent: false,
      household_id: null,
      sex: null,
      personal: null,
      position: e.position,
    })
    .execute();
  // Erasure is final, so destroying the key here is safe on a rebuild too (and finishes the job
  // if the service stopped between the append and its own destroy).
  await vault.destroy(trx, e.stream.commune, e.data.residentKey);
}

type AdoptionEvent = Of<'AdoptionStageConfirmed' | 'AdoptionConfirmationRetracted'>;
const isAdoption = (e: Any): e is AdoptionEvent =>
  e.type === 'AdoptionStageConfirmed' || e.type === 'AdoptionConfirmationRetracted';

/**
 * A batch's confirmations and retractions together: one read of the rows they touch, their stages
 * worked out in order, one write. (A police import of VNeID activations is a batch of them; a read and a
 * write per event were two round trips each.) An event at or before a row's position changes nothing.
 */
async function adoptions(trx: Trx, events: readonly AdoptionEvent[]) {
  if (events.length === 0) return;
  const keyOf = (r: { commune: string; resident_key: string; indicator: string }) =>
    JSON.stringify([r.commune, r.resident_key, r.indicator]);
  const keyed = events.map((e) => ({
    e,
    commune: e.stream.commune,
    resident_key: e.data.residentKey,
    indicator: e.data.indicator,
  }));
  const current = await trx
    .selectFrom('adoptions')
    .select(['commune', 'resident_key', 'indicator', 'stages', 'position'])
    .where((eb) =>
      eb(
        eb.refTuple('commune', 'resident_key', 'indicator'),
        'in',
        keyed.map((k) => eb.tuple(k.commune, k.resident_key, k.indicator)),
      ),
    )
    .execute();
  const latest = new Map<string, { stages: Stage[]; position: number }>(
    current.map((r) => [keyOf(r), { stages: r.stages as Stage[], position: Number(r.position) }]),
  );
  const changed = new Map<string, AdoptionRow>();
  for (const { e, ...key } of keyed) {
    const row = latest.get(keyOf(key));
    if (row && row.position >= e.position) continue;
    const before = row?.stages ?? [];
    const stages =
      e.type === 'AdoptionStageConfirmed'
        ? [...before, e.data.stage]
        : before.filter((s) => s !== e.data.stage);
    const next = { ...key, stages, position: e.position, updated_at: e.occurredAt };
    latest.set(keyOf(key), next);
    changed.set(keyOf(key), next);
  }
  if (changed.size > 0) await upsertAdoptions(trx, [...changed.values()]);
}

interface AdoptionRow {
  readonly commune: string;
  readonly resident_key: string;
  readonly indicator: string;
  readonly stages: Stage[];
  readonly position: number;
  readonly updated_at: string;
}

/** The adoption rows as worked out, each replacing what was there. */
async function upsertAdoptions(trx: Trx, rows: readonly AdoptionRow[]) {
  await trx
    .insertInto('adoptions')
    .values(rows.map((row) => ({ ...row, stage: highestStage(row.stages) })))
    .onConflict((oc) =>
      oc.columns(['commune', 'resident_key', 'indicator']).doUpdateSet({
        stages: sql`excluded.stages`,
        stage: sql`excluded.stage`,
        updated_at: sql`excluded.updated_at`,
        position: sql`excluded.position`,
      }),
    )
    .execute();
}

type Stage = 'guided' | 'installed' | 'active';

const applyOne = foldWith<Any, Ctx>({
  HouseholdRegistered: householdRegistered,
  ResidentRegistered: residentRegistered,
  ResidentConsentGiven: consentGiven,
  ResidentPersonalDetailsRecorded: personalDetailsRecorded,
  ResidentConsentWithdrawn: consentWithdrawn,
  ResidentMoved: moved,
  ResidentErased: erased,
  // Written a batch at a time (`adoptions`).
  AdoptionStageConfirmed: async () => undefined,
  AdoptionConfirmationRetracted: async () => undefined,
});
