import type { VillageRegisteredData, VillageRenamedData, VillageRetiredData } from './index';

/** Where a commune's village events live: one aggregate per commune in the indicators context. */
export const VILLAGE_REGISTER = { context: 'indicators', aggregateType: 'village-register' } as const;

export type VillageEvent =
  | { readonly type: 'VillageRegistered'; readonly data: VillageRegisteredData }
  | { readonly type: 'VillageRenamed'; readonly data: VillageRenamedData }
  | { readonly type: 'VillageRetired'; readonly data: VillageRetiredData };

export const VILLAGE_EVENT_TYPES: readonly string[] = [
  'VillageRegistered',
  'VillageRenamed',
  'VillageRetired',
];

/** One village of a commune, as its events describe it. */
export interface VillageRecord {
  readonly code: string;
  /** The day it exists from. */
  readonly since: string;
  /** Its names by the day each took effect, earliest first. */
  readonly names: readonly { readonly name: string; readonly from: string }[];
  /** The day it ceased to exist, or null. */
  readonly retiredOn: string | null;
  readonly successors: readonly string[];
}

/** A commune's villages by code. */
export type VillageRegister = ReadonlyMap<string, VillageRecord>;

export const emptyVillageRegister = (): VillageRegister => new Map();

/** The register after one more event (a new map: the decider's state stays immutable). */
export function withVillageEvent(register: VillageRegister, event: VillageEvent): VillageRegister {
  const next = new Map(register);
  const { data } = event;
  const known = register.get(data.villageCode);
  if (event.type === 'VillageRegistered') {
    next.set(data.villageCode, {
      code: data.villageCode,
      since: event.data.effectiveDate,
      names: [{ name: event.data.name, from: event.data.effectiveDate }],
      retiredOn: null,
      successors: [],
    });
  } else if (known && event.type === 'VillageRenamed') {
    const names = [...known.names, { name: event.data.name, from: event.data.effectiveDate }];
    next.set(known.code, { ...known, names: names.sort((a, b) => a.from.localeCompare(b.from)) });
  } else if (known && event.type === 'VillageRetired') {
    next.set(known.code, {
      ...known,
      retiredOn: event.data.effectiveDate,
      successors: [...event.data.successors],
    });
  }
  return next;
}

/** The village's name on a day (its first name before it existed). */
export function villageNameOn(record: VillageRecord, day: string): string {
  return record.names.filter((n) => n.from <= day).at(-1)?.name ?? record.names[0]!.name;
}

export type VillageStanding =
  | { readonly status: 'open'; readonly name: string }
  | { readonly status: 'unknown' }
  | { readonly status: 'not-yet'; readonly since: string }
  | { readonly status: 'retired'; readonly on: string; readonly successors: readonly string[] };

/** Whether a write on `day` may name the village: registered, in existence, not yet retired. */
export function villageStandingOn(record: VillageRecord | undefined, day: string): VillageStanding {
  if (!record) return { status: 'unknown' };
  if (day < record.since) return { status: 'not-yet', since: record.since };
  if (record.retiredOn !== null && day >= record.retiredOn)
    return { status: 'retired', on: record.retiredOn, successors: record.successors };
  return { status: 'open', name: villageNameOn(record, day) };
}

/**
 * The one village a retired village was merged into on its retirement day, and on through later
 * merges; the days each step takes effect. Empty for a village never merged (split or dissolved ones
 * keep their residents until each is moved).
 */
export function mergesOf(
  register: VillageRegister,
  code: string,
): { readonly into: string; readonly on: string }[] {
  const steps: { into: string; on: string }[] = [];
  const seen = new Set([code]);
  let record = register.get(code);
  while (record?.retiredOn && record.successors.length === 1 && !seen.has(record.successors[0]!)) {
    const into = record.successors[0]!;
    steps.push({ into, on: record.retiredOn });
    seen.add(into);
    record = register.get(into);
  }
  return steps;
}
