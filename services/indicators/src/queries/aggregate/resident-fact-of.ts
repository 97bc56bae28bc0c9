import type { ResidentFact } from './resident-delta-stream';

/** A fact row as the fact folds give it (`factsOf`). */
interface FactRowOf {
  readonly table: string;
  readonly row: Readonly<Record<string, unknown>>;
}

/** The resident fact in an event's fact rows (a registration gives two rows: person and residence). */
export function residentFactOf(
  facts: readonly FactRowOf[],
): { readonly residentKey: string; readonly fact: ResidentFact } | null {
  let person: FactRowOf | undefined;
  let home: FactRowOf | undefined;
  for (const f of facts) {
    if (f.table === 'f_adoption') {
      const r = f.row as {
        resident_key: string;
        indicator: string;
        stage: string;
        delta: number;
        on_day: string;
      };
      return {
        residentKey: r.resident_key,
        fact: { kind: 'step', indicator: r.indicator, stage: r.stage, delta: r.delta, day: r.on_day },
      };
    }
    if (f.table === 'f_residents') person = f;
    if (f.table === 'f_residence') home = f;
  }
  if (!home) return null;
  const h = home.row as { resident_key: string; village: string; from_day: string };
  return {
    residentKey: h.resident_key,
    fact: person
      ? {
          kind: 'registered',
          birthYear: person.row['birth_year'] as number,
          village: h.village,
          day: h.from_day,
        }
      : { kind: 'moved', village: h.village, day: h.from_day },
  };
}
