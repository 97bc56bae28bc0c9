import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@cnscd/event-store';
import type { Projection } from '@cnscd/read-model';
import type { SealedDetails } from '@cnscd/contracts';
import type { OutreachDatabase } from '../infrastructure/read-model';
import type { ResidentVault } from '../infrastructure/resident-vault';
import { highestStage } from '../residents/adoption-policy';
import type { ResidentEvent } from '../residents/resident.decider';

type Trx = Transaction<OutreachDatabase>;
type Recorded = RecordedEvent & ResidentEvent;

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
    async apply(trx, events) {
      for (const event of events) {
        if (event.stream.aggregateType === 'household' && event.type === 'HouseholdRegistered')
          await household(trx, event);
        if (event.stream.aggregateType === 'resident') await resident(trx, vault, event as Recorded);
      }
    },
  };
}

async function household(trx: Trx, e: RecordedEvent) {
  const data = e.data as { householdId: string; villageCode: string; code: string | null };
  await trx
    .insertInto('households')
    .values({
      commune: e.stream.commune,
      household_id: data.householdId,
      village_code: data.villageCode,
      code: data.code,
      registered_at: e.occurredAt,
    })
    .onConflict((oc) => oc.columns(['commune', 'household_id']).doNothing())
    .execute();
}

async function resident(trx: Trx, vault: ResidentVault, e: Recorded) {
  const commune = e.stream.commune;
  const key = e.data.residentKey;
  const row = () =>
    trx
      .updateTable('residents')
      .where('commune', '=', commune)
      .where('resident_key', '=', key)
      .where('position', '<', e.position);
  const opened = async (sealed: SealedDetails | null) => {
    const details = sealed ? await vault.open(trx, commune, key, sealed) : null;
    return {
      household_id: details?.householdId ?? null,
      sex: details?.sex ?? null,
      personal: sealed && details ? JSON.stringify(sealed) : null,
    };
  };
  switch (e.type) {
    case 'ResidentRegistered':
      await trx
        .insertInto('residents')
        .values({
          commune,
          resident_key: key,
          village_code: e.data.villageCode,
          birth_year: e.data.birthYear,
          identification: e.data.identification,
          consent: e.data.consent,
          status: 'registered',
          registered_at: e.occurredAt,
          moved_on: null,
          position: e.position,
          ...(await opened(e.data.personal)),
        })
        .onConflict((oc) => oc.columns(['commune', 'resident_key']).doNothing())
        .execute();
      return;
    case 'ResidentConsentGiven':
      await row()
        .set({
          consent: true,
          position: e.position,
          ...(e.data.personal ? await opened(e.data.personal) : {}),
        })
        .execute();
      return;
    case 'ResidentPersonalDetailsRecorded':
      await row()
        .set({ position: e.position, ...(await opened(e.data.personal)) })
        .execute();
      return;
    case 'ResidentConsentWithdrawn':
      await row()
        .set({ consent: false, household_id: null, sex: null, personal: null, position: e.position })
        .execute();
      return;
    case 'ResidentMoved':
      await row()
        .set({
          village_code: e.data.toVillage,
          moved_on: e.data.effectiveDate,
          position: e.position,
          ...(await opened(e.data.personal)),
        })
        .execute();
      return;
    case 'ResidentErased':
      await row()
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
      await vault.destroy(trx, commune, key);
      return;
    case 'AdoptionStageConfirmed':
    case 'AdoptionConfirmationRetracted':
      await adoption(trx, e);
      return;
  }
}

async function adoption(
  trx: Trx,
  e: Extract<Recorded, { type: 'AdoptionStageConfirmed' | 'AdoptionConfirmationRetracted' }>,
) {
  const where = { commune: e.stream.commune, resident_key: e.data.residentKey, indicator: e.data.indicator };
  const current = await trx
    .selectFrom('adoptions')
    .select(['stages', 'position'])
    .where('commune', '=', where.commune)
    .where('resident_key', '=', where.resident_key)
    .where('indicator', '=', where.indicator)
    .executeTakeFirst();
  if (current && Number(current.position) >= e.position) return;
  const before = (current?.stages ?? []) as ('guided' | 'installed' | 'active')[];
  const stages =
    e.type === 'AdoptionStageConfirmed'
      ? [...before, e.data.stage]
      : before.filter((s) => s !== e.data.stage);
  const values = {
    ...where,
    stages,
    stage: highestStage(stages),
    updated_at: e.occurredAt,
    position: e.position,
  };
  await trx
    .insertInto('adoptions')
    .values(values)
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
