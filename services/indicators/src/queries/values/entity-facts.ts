import type { FactsDatabase } from '../../infrastructure/read-model';
import type { MerchantFacts, ResidentFacts } from '../engine/facts';

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

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

/** Merchants by id, from their fact rows: status changes and onboarding stages, with their `seq`. */
export function merchantsById(
  status: readonly FactsDatabase['f_merchant_status'][],
  onboarding: readonly FactsDatabase['f_onboarding'][],
): Map<string, MerchantFacts> {
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
  return byMerchant;
}
