import type { Kysely } from 'kysely';
import { emptyVillageRegister, withVillageEvent, type VillageRegister } from '@cnscd/contracts';
import type { Facts, MerchantFacts, ResidentFacts } from '../engine/facts';
import { withMerges } from '../engine/merges';
import type { FactsDatabase } from '../../infrastructure/read-model';
import { columnsRead } from '../../infrastructure/fact-tables';
import { merchantsById, residentsByKey } from './entity-facts';

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
 * The residents' and merchants' facts are read only with `sweep: true` — by the tests, whose sweep of
 * every resident and merchant is the oracle the aggregate (decision 0012) is checked against; the
 * service counts them from the aggregate (`loadCommune`).
 */
export async function loadFacts(
  db: Kysely<FactsDatabase>,
  commune: string,
  knownAt?: string,
  options: { readonly sweep: boolean } = { sweep: false },
): Promise<LoadedFacts> {
  return loadedOf(await factRowsOf(db, commune, knownAt, options.sweep));
}

/**
 * Every commune's small facts (as `loadFacts` without `sweep`) in one query per table, for the province
 * roll-up: one round trip per table, not per commune and table.
 */
export async function loadProvinceFacts(
  db: Kysely<FactsDatabase>,
  knownAt?: string,
): Promise<Map<string, LoadedFacts>> {
  const rows = await factRowsOf(db, null, knownAt, false);
  const communes = new Map<string, FactRowsOf>();
  for (const [table, list] of Object.entries(rows) as [keyof FactRowsOf, { commune: string }[]][])
    for (const row of list) {
      let own = communes.get(row.commune);
      if (!own) communes.set(row.commune, (own = emptyRows()));
      (own[table] as unknown as { commune: string }[]).push(row);
    }
  return new Map([...communes].map(([commune, own]) => [commune, loadedOf(own)]));
}

const emptyRows = (): FactRowsOf =>
  Object.fromEntries(TABLES_READ.map((t) => [t, []])) as unknown as FactRowsOf;

/** A commune's facts from its rows (pure). */
function loadedOf(rows: FactRowsOf): LoadedFacts {
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
    communeName: rows.names[0]?.name ?? null,
  };
}

const bySeq = <R extends { seq: number | string }>(rows: readonly R[]) =>
  [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));

/** What `factRowsOf` gives, by name. */
const TABLES_READ = [
  'residents',
  'residence',
  'adoption',
  'status',
  'onboarding',
  'places',
  'designation',
  'denominators',
  'counted',
  'targets',
  'villageChanges',
  'names',
] as const;

/**
 * Every fact row of a commune (or, with `null`, of every commune) recorded up to `knownAt` (or now),
 * one query per table, side by side.
 */
async function factRowsOf(
  db: Kysely<FactsDatabase>,
  commune: string | null,
  knownAt: string | undefined,
  sweep: boolean,
) {
  const known = <T extends keyof FactsDatabase>(table: T) => {
    const all = db.selectFrom(table as keyof FactsDatabase).select(columnsRead(table) as never);
    const q = commune === null ? all : all.where('commune', '=', commune);
    return (knownAt ? q.where('recorded_at', '<=', knownAt as never) : q).execute() as unknown as Promise<
      FactsDatabase[T][]
    >;
  };
  // Every table at once: the small ones are fetched beside the large ones, not after them.
  const none = Promise.resolve([]);
  const large = Promise.all([
    sweep ? known('f_residents') : (none as ReturnType<typeof known<'f_residents'>>),
    sweep ? known('f_residence') : (none as ReturnType<typeof known<'f_residence'>>),
    sweep ? known('f_adoption') : (none as ReturnType<typeof known<'f_adoption'>>),
    sweep ? known('f_merchant_status') : (none as ReturnType<typeof known<'f_merchant_status'>>),
    sweep ? known('f_onboarding') : (none as ReturnType<typeof known<'f_onboarding'>>),
    known('f_places'),
    known('f_designation'),
    known('f_denominator'),
  ]);
  const small = Promise.all([
    known('f_counted_stage'),
    known('f_target'),
    known('f_village'),
    // Names are not dated: the commune's name as known now.
    (commune === null
      ? db.selectFrom('f_commune_names').selectAll()
      : db.selectFrom('f_commune_names').selectAll().where('commune', '=', commune)
    ).execute(),
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

/** Each merchant with a status, and its onboardings' stages. */
function merchantFacts({ status, onboarding }: FactRowsOf): MerchantFacts[] {
  return [...merchantsById(status, onboarding).values()].filter((m) => m.status.length > 0);
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
