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
  const kind = villageKind(schema);
  if (kind)
    return schema.safeParse(value).success ? [{ path, code: value as string, ever: kind === 'ever' }] : [];
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
      const record = value as Record<string, unknown>;
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) =>
        key in record ? villageFieldsIn(field, record[key], [...path, key]) : [],
      );
    }
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((item, i) => villageFieldsIn(def.element!, item, [...path, i]))
        : [];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return villageFieldsIn(def.innerType!, value, path);
    case 'pipe':
      return villageFieldsIn(def.in!, value, path);
    case 'union': {
      const found = def.options!.flatMap((option) => villageFieldsIn(option, value, path));
      const seen = new Set<string>();
      return found.filter((f) => !seen.has(f.path.join('/')) && seen.add(f.path.join('/')));
    }
    case 'intersection':
      return [...villageFieldsIn(def.left!, value, path), ...villageFieldsIn(def.right!, value, path)];
    default:
      return [];
  }
}
