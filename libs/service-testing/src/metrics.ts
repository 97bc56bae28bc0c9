/**
 * A service's `/metrics` read once (with a key holding `ops:read`): `value(name, label)` answers the
 * first series of that name whose labels include `label` (e.g. `state="waiting"`), NaN when none does.
 */
export async function readMetrics(serviceUrl: string, key: string) {
  const res = await fetch(`${serviceUrl}/metrics`, { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  return {
    value: (name: string, label = ''): number =>
      Number(new RegExp(`^${name}(?:\\{[^}]*${label}[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN),
  };
}
