const isSealed = (v: object): boolean =>
  'iv' in v && 'data' in v && (v as { v?: unknown }).v === 1 && Object.keys(v).length === 3;

/** The event's data with every sealed blob (a resident's name, phone, household) replaced by `"(sealed)"`. */
export function withoutSealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSealed);
  if (typeof value !== 'object' || value === null) return value;
  if (isSealed(value)) return '(sealed)';
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSealed(v)]));
}
