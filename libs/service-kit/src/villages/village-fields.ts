import { z } from 'zod';
import { REGISTERED_VILLAGE } from '@cnscd/contracts';

/** A field of a request that names a village, where it is (JSON pointer segments) and what it says. */
export interface VillageField {
  readonly path: readonly (string | number)[];
  readonly code: string;
  /** True where any village the commune ever registered will do (`FormerVillageCode`). */
  readonly ever: boolean;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
/** `open` for a village that must exist on the write's day, `ever` for any it registered, else null. */
const villageKind = (schema: z.ZodType): 'open' | 'ever' | null => {
  const mark = z.globalRegistry.get(schema)?.[REGISTERED_VILLAGE.key];
  return mark === REGISTERED_VILLAGE.value ? 'open' : mark === REGISTERED_VILLAGE.ever ? 'ever' : null;
};

/** Appends the village fields a value holds, under `path`, to `found`. */
type Finder = (value: unknown, path: readonly (string | number)[], found: VillageField[]) => void;

/**
 * Each schema's finder, worked out once: only the branches that can hold a village are visited per
 * request (walking the whole schema for every write was ≈ 1.5% of outreach's CPU and 5% of what it
 * allocated under the write-path benchmark, issue 17). `null`: the schema names no village.
 */
const finders = new WeakMap<z.ZodType, Finder | null>();

/**
 * The village codes a value holds where its schema expects a registered village (`VillageCode` from
 * libs/contracts), however deep: found from the schema, so a new write is covered without a list.
 * Only well-formed codes: a malformed one is the schema's to refuse.
 */
export function villageFieldsIn(
  schema: z.ZodType,
  value: unknown,
  path: readonly (string | number)[] = [],
): VillageField[] {
  const found: VillageField[] = [];
  finderOf(schema)?.(value, path, found);
  return found;
}

function finderOf(schema: z.ZodType): Finder | null {
  const known = finders.get(schema);
  if (known !== undefined) return known;
  // A schema met again inside itself finds nothing through itself (no request schema refers to itself).
  finders.set(schema, null);
  const finder = compile(schema);
  finders.set(schema, finder);
  return finder;
}

// Long: one case per kind of zod schema that can hold a village, each a few lines.
function compile(schema: z.ZodType): Finder | null {
  const kind = villageKind(schema);
  if (kind)
    return (value, path, found) => {
      if (schema.safeParse(value).success) found.push({ path, code: value as string, ever: kind === 'ever' });
    };
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).flatMap(([key, field]) => {
        const finder = finderOf(field);
        return finder ? [[key, finder] as const] : [];
      });
      if (fields.length === 0) return null;
      return (value, path, found) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
        const record = value as Record<string, unknown>;
        for (const [key, finder] of fields) if (key in record) finder(record[key], [...path, key], found);
      };
    }
    case 'array': {
      const element = finderOf(def.element!);
      if (!element) return null;
      return (value, path, found) => {
        if (Array.isArray(value)) value.forEach((item, i) => element(item, [...path, i], found));
      };
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return finderOf(def.innerType!);
    case 'pipe':
      return finderOf(def.in!);
    case 'union':
      return unionFinder(def.options!.map(finderOf));
    case 'intersection': {
      const sides = [finderOf(def.left!), finderOf(def.right!)].filter((f): f is Finder => f !== null);
      if (sides.length === 0) return null;
      return (value, path, found) => sides.forEach((side) => side(value, path, found));
    }
    default:
      return null;
  }
}

/** Every option's fields, each path once (options often share a field). */
function unionFinder(options: (Finder | null)[]): Finder | null {
  const some = options.filter((f): f is Finder => f !== null);
  if (some.length === 0) return null;
  return (value, path, found) => {
    const seen = new Set<string>();
    const mine: VillageField[] = [];
    for (const finder of some) finder(value, path, mine);
    for (const field of mine) {
      const at = field.path.join('/');
      if (seen.has(at)) continue;
      seen.add(at);
      found.push(field);
    }
  };
}
