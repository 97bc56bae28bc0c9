import type { Kysely } from 'kysely';
import { emptyVillageRegister, withVillageEvent, type VillageRegister } from '@cnscd/contracts';
import type { Facts, MerchantFacts, ResidentFacts } from '../engine/facts';
import { withMerges } from '../engine/merges';
import type { FactsDatabase } from '../../infrastructure/read-model';

export interface TargetRow {
  readonly indicator: string;
  readonly village: string | null;
  readonly year: number;
  readonly value: number;
}

export interface LoadedFacts {
  readonly facts: Facts;
  readonly targets: readonly TargetRow[];
  /** Every village code the commune registered or the facts name, sorted. */
  readonly villages: readonly string[];
  /** The commune's village register as known then: names, mergers. */
  readonly register: VillageRegister;
  readonly communeName: string | null;
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * A commune's facts as known at `knownAt` (everything recorded up to that instant), or as known now.
 * "As known on K" is exactly this filter: the engine then computes as of any day. Residents and
 * merchants of a merged village are counted in the village it was merged into (`withMerges`).
 *
 * The residents' facts are read only with `residents: true` — by the tests, whose sweep of every
 * resident is the oracle the aggregate (decision 0012) is checked against; the service counts residents
 * from the aggregate (`loadCommune`).
 */
export async function loadFacts(
  db: Kysely<FactsDatabase>,
  commune: string,
  knownAt?: string,
  options: { readonly residents: boolean } = { residents: false },
): Promise<LoadedFacts> {
  const rows = await factRowsOf(db, commune, knownAt, options.residents);
  const register = registerOf(rows.villageChanges);
  const villages = new Set<string>(register.keys());
  for (const r of rows.residence) villages.add(r.village);
  for (const d of rows.denominators) villages.add(d.village);
  for (const s of rows.status) if (s.village) villages.add(s.village);
  const facts: Facts = {
    residents: residentFacts(rows),
    merchants: merchantFacts(rows),
    places: rows.places.map((p) => ({
      kind: p.kind as 'street' | 'market',
      villages: p.villages,
      designation: rows.designation
        .filter((d) => d.place_id === p.place_id)
        .map((d) => ({ from: day(d.from_day), seq: Number(d.seq), designated: d.designated })),
    })),
    denominators: rows.denominators.map((d) => ({
      village: d.village,
      band: d.band,
      count: d.count,
      from: day(d.from_day),
      seq: Number(d.seq),
    })),
    countedStage: Object.fromEntries(bySeq(rows.counted).map((c) => [c.indicator, c.stage])),
  };
  return {
    facts: withMerges(facts, register),
    targets: bySeq(rows.targets).map((t) => ({
      indicator: t.indicator,
      village: t.village,
      year: t.year,
      value: Number(t.value),
    })),
    villages: [...villages].sort(),
    register,
    communeName: rows.names?.name ?? null,
  };
}

const bySeq = <R extends { seq: number | string }>(rows: readonly R[]) =>
  [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));

/** Every fact row of a commune recorded up to `knownAt` (or now), one query per table, side by side. */
async function factRowsOf(
  db: Kysely<FactsDatabase>,
  commune: string,
  knownAt: string | undefined,
  withResidents: boolean,
) {
  const known = <T extends keyof FactsDatabase>(table: T) => {
    const q = db
      .selectFrom(table as keyof FactsDatabase)
      .selectAll()
      .where('commune', '=', commune);
    return (knownAt ? q.where('recorded_at', '<=', knownAt as never) : q).execute() as unknown as Promise<
      FactsDatabase[T][]
    >;
  };
  // Every table at once: the small ones are fetched beside the large ones, not after them.
  const none = Promise.resolve([]);
  const large = Promise.all([
    withResidents ? known('f_residents') : (none as ReturnType<typeof known<'f_residents'>>),
    withResidents ? known('f_residence') : (none as ReturnType<typeof known<'f_residence'>>),
    withResidents ? known('f_adoption') : (none as ReturnType<typeof known<'f_adoption'>>),
    known('f_merchant_status'),
    known('f_onboarding'),
    known('f_places'),
    known('f_designation'),
    known('f_denominator'),
  ]);
  const small = Promise.all([
    known('f_counted_stage'),
    known('f_target'),
    known('f_village'),
    db.selectFrom('f_commune_names').select('name').where('commune', '=', commune).executeTakeFirst(),
  ]);
  const [[residents, residence, adoption, status, onboarding, places, designation, denominators], rest] =
    await Promise.all([large, small]);
  const [counted, targets, villageChanges, names] = rest;
  return {
    residents,
    residence,
    adoption,
    status,
    onboarding,
    places,
    designation,
    denominators,
    counted,
    targets,
    villageChanges,
    names,
  };
}
type FactRowsOf = Awaited<ReturnType<typeof factRowsOf>>;

/** Each resident with their residences and adoption steps. */
function residentFacts(rows: FactRowsOf): ResidentFacts[] {
  return [...residentsByKey(rows.residents, rows.residence, rows.adoption).values()];
}

/** Residents by key, from their fact rows: birth year, residences and adoption steps, with their `seq`. */
export function residentsByKey(
  residents: readonly FactsDatabase['f_residents'][],
  residence: readonly FactsDatabase['f_residence'][],
  adoption: readonly FactsDatabase['f_adoption'][],
): Map<string, ResidentFacts> {
  const byResident = new Map<
    string,
    {
      birthYear: number;
      residence: ResidentFacts['residence'][number][];
      adoption: ResidentFacts['adoption'][number][];
    }
  >();
  for (const r of residents)
    byResident.set(r.resident_key, { birthYear: r.birth_year, residence: [], adoption: [] });
  for (const r of residence)
    byResident
      .get(r.resident_key)
      ?.residence.push({ village: r.village, from: day(r.from_day), seq: Number(r.seq) });
  for (const a of adoption)
    byResident.get(a.resident_key)?.adoption.push({
      indicator: a.indicator,
      stage: a.stage,
      delta: a.delta as 1 | -1,
      on: day(a.on_day),
      seq: Number(a.seq),
    });
  return byResident;
}

/** Each merchant with a status, and its onboardings' stages. */
function merchantFacts({ status, onboarding }: FactRowsOf): MerchantFacts[] {
  const byMerchant = new Map<
    string,
    {
      status: MerchantFacts['status'][number][];
      onboardings: Record<string, { on: string; seq: number; stage: string }[]>;
    }
  >();
  const merchant = (id: string) =>
    byMerchant.get(id) ?? byMerchant.set(id, { status: [], onboardings: {} }).get(id)!;
  for (const s of status)
    merchant(s.merchant_id).status.push({
      from: day(s.from_day),
      seq: Number(s.seq),
      ...(s.open === null ? {} : { open: s.open }),
      ...(s.village === null ? {} : { village: s.village }),
    });
  for (const o of onboarding)
    (merchant(o.merchant_id).onboardings[o.onboarding_id] ??= []).push({
      on: day(o.on_day),
      seq: Number(o.seq),
      stage: o.stage,
    });
  return [...byMerchant.values()].filter((m) => m.status.length > 0);
}

/** The village register folded from its fact rows, in recording order. */
export function registerOf(rows: readonly FactsDatabase['f_village'][]): VillageRegister {
  return [...rows]
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .reduce((register, v) => {
      const common = { villageCode: v.village, effectiveDate: day(v.from_day) };
      return withVillageEvent(
        register,
        v.change === 'retired'
          ? { type: 'VillageRetired', data: { ...common, successors: v.successors, reason: '' } }
          : v.change === 'registered'
            ? { type: 'VillageRegistered', data: { ...common, name: v.name! } }
            : { type: 'VillageRenamed', data: { ...common, name: v.name! } },
      );
    }, emptyVillageRegister());
}
