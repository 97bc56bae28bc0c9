import { mergesOf, type VillageRegister } from '@cnscd/contracts';
import type { DenominatorFact, Facts, MerchantFacts, ResidentFacts } from './facts';

type Home = ResidentFacts['residence'][number];
type Status = MerchantFacts['status'][number];

/**
 * The village a place in `village` belongs to from `from` until `until` (exclusive, undefined: for
 * ever), as the commune's mergers say: the first piece starts at `from` (in the village it had been
 * merged into by then), each later merger starts a piece of its own. Pure.
 */
export function piecesOf(
  register: VillageRegister,
  village: string,
  from: string,
  until: string | undefined,
) {
  const pieces = [{ village, from }];
  for (const step of mergesOf(register, village)) {
    if (step.on <= from) pieces[0]!.village = step.into;
    else if (until === undefined || step.on < until) pieces.push({ village: step.into, from: step.on });
  }
  return pieces;
}

/**
 * Facts as the commune's village register says they count: a village merged into another counts
 * there from the merger's day on (its residents, its merchants), and its own population estimate ends
 * that day (the merged village needs an estimate of its own, shown missing until it has one). A village
 * split in several keeps what it had until each resident or merchant is moved. Pure.
 */
export function withMerges(facts: Facts, register: VillageRegister): Facts {
  if (![...register.values()].some((v) => v.retiredOn !== null)) return facts;
  return {
    ...facts,
    residents: facts.residents.map((r) => ({ ...r, residence: mergedHomes(r.residence, register) })),
    merchants: facts.merchants.map((m) => ({ ...m, status: mergedStatus(m.status, register) })),
    denominators: [...facts.denominators, ...estimateEnds(facts.denominators, register)],
  };
}

function mergedHomes(homes: readonly Home[], register: VillageRegister): Home[] {
  const sorted = [...homes].sort((a, b) => a.from.localeCompare(b.from) || a.seq - b.seq);
  return sorted.flatMap((home, i) =>
    piecesOf(register, home.village, home.from, sorted[i + 1]?.from).map((p) => ({ ...home, ...p })),
  );
}

function mergedStatus(status: readonly Status[], register: VillageRegister): Status[] {
  const sorted = [...status].sort((a, b) => a.from.localeCompare(b.from) || a.seq - b.seq);
  const out: Status[] = [];
  let village: string | undefined;
  sorted.forEach((s, i) => {
    village = s.village ?? village;
    if (village === undefined) return void out.push(s);
    const [first, ...later] = piecesOf(register, village, s.from, sorted[i + 1]?.from);
    out.push({ ...s, village: first!.village });
    for (const p of later) out.push({ from: p.from, seq: s.seq, village: p.village });
  });
  return out;
}

/** An estimate ends when its village ceases to exist: from then on it counts nowhere. */
function estimateEnds(estimates: readonly DenominatorFact[], register: VillageRegister): DenominatorFact[] {
  const last = Math.max(0, ...estimates.map((e) => e.seq));
  const bands = new Map<string, Set<string>>();
  for (const e of estimates)
    (bands.get(e.village) ?? bands.set(e.village, new Set()).get(e.village)!).add(e.band);
  return [...bands].flatMap(([village, own]) => {
    const retiredOn = register.get(village)?.retiredOn;
    return retiredOn
      ? [...own].map((band) => ({
          village,
          band,
          count: 0,
          from: retiredOn,
          seq: last + 1,
          ends: true as const,
        }))
      : [];
  });
}
